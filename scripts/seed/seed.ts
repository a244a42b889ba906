import { BUREAU, CENTER, DEMO_ADMIN, PROVIDERS, ROOMS, STATIONS, WORKERS } from './demo-county';

export type Caller = (fn: string, action: string, payload: unknown, openid: string) => Promise<unknown>;

let counter = 0;
const requestId = () => `seed${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Calls a function over devcloud's HTTP transport, as the mini-program does. */
export function httpCaller(baseUrl: string): Caller {
  return async (fn, action, payload, openid) => {
    const res = await fetch(`${baseUrl}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-devcloud-openid': openid },
      body: JSON.stringify({ action, payload, requestId: requestId() }),
    });
    const body = (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`seed: ${fn}.${action} as ${openid} failed: ${body.error?.code} ${body.error?.message}`);
    return body.data;
  };
}

/**
 * Builds the demo county through the same actions a real deployment uses: the bootstrap admin
 * creates the units and one invite per worker, and each worker redeems their own.
 */
export async function seedDemoCounty(call: Caller): Promise<{ orgs: number; members: number }> {
  for (const org of [CENTER, ...STATIONS, ...ROOMS, BUREAU]) await call('org', 'save', org, DEMO_ADMIN);
  for (const w of WORKERS) {
    const { code } = (await call('identity', 'createInvite', { role: w.role, orgIds: w.orgIds, note: w.displayName }, DEMO_ADMIN)) as {
      code: string;
    };
    await call('identity', 'redeemInvite', { code, displayName: w.displayName, phone: w.phone }, w.openid);
  }
  // 服务地图's outside providers; the 服务指南 needs no seeding (its default stands until edited).
  for (const p of PROVIDERS) await call('guide', 'saveProvider', p, DEMO_ADMIN);
  // 法律援助: 陈静 (center staff) holds the legal-aid post, the administrator answers for the 司法局, whose unit takes the complaints;
  // the hardship standard is a placeholder until the province's figure is entered.
  await call(
    'legalAid',
    'saveSettings',
    {
      coveredMatters: ['stateCompensation', 'socialInsurance', 'pension', 'support', 'labour', 'capacity', 'injury', 'environment'],
      matterLimitLiftedFor: ['elderly', 'disabled'],
      standard: { monthlyIncomePerHead: 1200, householdAssets: 50000, source: '示例数值：请按本省公布的法律援助经济困难标准设置' },
      verificationShare: 0.2,
      countyName: '青禾县',
      aidPosts: ['demo-staff'],
      bureauPosts: [DEMO_ADMIN],
      bureauOrgId: BUREAU.id,
    },
    DEMO_ADMIN,
  );
  return { orgs: 2 + STATIONS.length + ROOMS.length, members: WORKERS.length };
}
