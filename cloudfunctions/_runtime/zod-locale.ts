import * as z from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Fallback messages in Chinese; contracts give plain wording for every user-facing field.
z.config(zhCN());
