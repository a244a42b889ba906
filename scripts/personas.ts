/** The demo personas: local openids the dev switcher and the tests use (README lists them). */
export const PERSONAS = [
  { openid: 'demo-resident', label: '村民（群众）' },
  { openid: 'demo-elder', label: '老年村民（重点群体）' },
  { openid: 'demo-migrant', label: '务工人员（重点群体）' },
  { openid: 'demo-advisor', label: '村法律顾问' },
  { openid: 'demo-staff', label: '中心工作人员' },
  { openid: 'demo-supervisor', label: '中心负责人' },
  { openid: 'demo-admin', label: '管理员' },
] as const;
