import type { CollectionDecl } from '@core';
import { bookingCollections } from './booking/collections';
import { caseCollections } from './case/collections';
import { orgCollections } from './org/collections';
import { auditCollections } from './_runtime/audit';
import { settingsCollections } from './_runtime/calendar';
import { counterCollections } from './_runtime/counters';
import { idempotencyCollections } from './_runtime/idempotency';
import { rateLimitCollections } from './_runtime/rate-limit';
import { identityCollections } from './identity/collections';
// privacy: consents, deletion requests and the re-seal sweep's state (X1).
import { privacyCollections } from './privacy/collections';
import { notifyCollections } from './notify/collections';
import { guideCollections } from './guide/collections';
import { legalAidCollections } from './legalAid/collections';
import { groupCollections } from './group/collections';
import { evaluationCollections } from './evaluation/collections';

/** Every declared collection: the build writes them to dist/database.json for devcloud and deploy. */
export const ALL_COLLECTIONS: CollectionDecl[] = [...idempotencyCollections, ...rateLimitCollections, ...auditCollections, ...counterCollections, ...settingsCollections, ...identityCollections, ...orgCollections, ...caseCollections, ...bookingCollections, ...privacyCollections, ...legalAidCollections, ...notifyCollections, ...groupCollections, ...guideCollections, ...evaluationCollections];
