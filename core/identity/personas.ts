/**
 * The demo personas: local-mode openids for devcloud, the dev-only switcher on 我的 and the tests.
 * They mean nothing on CloudBase, where identity comes from WeChat alone.
 */
export const PERSONAS = [
  { openid: 'demo-resident', label: '村民（群众）' },
  { openid: 'demo-elder', label: '老年村民（重点群体）' },
  { openid: 'demo-migrant', label: '务工人员（重点群体）' },
  { openid: 'demo-advisor', label: '村法律顾问' },
  { openid: 'demo-staff', label: '中心工作人员' },
  { openid: 'demo-supervisor', label: '中心负责人' },
  { openid: 'demo-admin', label: '管理员' },
] as const;
