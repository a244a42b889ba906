/**
 * The demo personas: local-mode openids for devcloud (the x-devcloud-openid header), the preview's
 * persona switcher, the dev-only switcher on 我的 and the tests. They mean nothing on CloudBase,
 * where identity comes from WeChat alone, so they live with the demo data, not in core: a local
 * build hands them to the mini-program (__LOCAL_PERSONAS__) and to devcloud (dist/manifest.json);
 * a cloud build ships an empty list.
 */
export interface Persona {
  openid: string;
  label: string;
}

export const PERSONAS: readonly Persona[] = [
  { openid: 'demo-resident', label: '村民（群众）' },
  { openid: 'demo-elder', label: '老年村民（重点群体）' },
  { openid: 'demo-migrant', label: '务工人员（重点群体）' },
  { openid: 'demo-advisor', label: '村法律顾问' },
  { openid: 'demo-staff', label: '中心工作人员' },
  { openid: 'demo-supervisor', label: '中心负责人' },
  { openid: 'demo-admin', label: '管理员' },
];
