import { renderPage, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 人员和授权 for the center's supervisor: members by unit, a grant changed, a membership ended. The
 * member acted on joins through an invite here, so the seeded workers other page tests use stay as they are.
 */

type Handler = (e: unknown) => void;
type Handlers = Record<'onFilter' | 'onEdit' | 'onRemoveGrant' | 'onRole' | 'onUnit' | 'onAddGrant' | 'onSaveGrants' | 'onReason' | 'onDeactivate', Handler>;
const on = (page: RenderedPage) => page.instance as unknown as Handlers;
const indexOf = (list: unknown, label: string) => (list as string[]).findIndex((l) => l.trim() === label);
interface Row {
  openid: string;
  name: string;
  grantsText: string;
}
const rows = (page: RenderedPage) => page.data.members as Row[];

const MEMBER = 'page-member-zhao';
beforeAll(async () => {
  const { code } = await callAs<{ code: string }>('demo-admin', 'identity', 'createInvite', { role: 'staff', orgIds: ['qs-station'] });
  await callAs(MEMBER, 'identity', 'redeemInvite', { code, displayName: '赵新来', phone: '13700002222' });
});

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-supervisor');
});

describe('人员和授权', () => {
  it('opens with one call and lists the members of the unit chosen', async () => {
    const page = renderPage('admin/identity/members/index');
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['identity.listMembers']);
    on(page).onFilter({ detail: { value: indexOf(page.data.filterLabels, '东坡村公共法律服务工作室') } });
    expect(rows(page).map((r) => r.name)).toEqual(['林晓岚律师']);
    expect(rows(page)[0]?.grantsText).toContain('东坡村公共法律服务工作室的法律顾问');
    on(page).onFilter({ detail: { value: indexOf(page.data.filterLabels, '青石镇公共法律服务工作站') } });
    expect(rows(page).map((r) => r.name)).toContain('赵新来');
    // Phones are masked: a manager recognises the number, never copies it.
    expect(page.dom?.textContent).toContain('137****2222');
  });

  it("changes a member's grants: one removed, one added, saved in one call", async () => {
    const page = renderPage('admin/identity/members/index');
    await waitFor(page, (d) => d.loading === false);
    on(page).onEdit({ currentTarget: { dataset: { openid: MEMBER } } });
    on(page).onRole({ detail: { value: indexOf(page.data.roleLabels, '工作人员') } });
    // The unit comes from the unit tree (components/unit-picker), which hands over its id.
    on(page).onUnit({ detail: { value: 'lh-station' } });
    on(page).onAddGrant({});
    on(page).onRemoveGrant({ currentTarget: { dataset: { key: 'staff@qs-station' } } });
    on(page).onSaveGrants({});
    await waitFor(page, (d) => d.editing === '' && d.saving === false);
    expect(shown.toasts).toContainEqual({ title: '授权已保存' });
    expect(rows(page).find((r) => r.openid === MEMBER)?.grantsText).toBe('柳河乡公共法律服务工作站的工作人员');
    const { members } = await callAs<{ members: Array<{ openid: string; grants: unknown }> }>('demo-admin', 'identity', 'listMembers', {});
    expect(members.find((m) => m.openid === MEMBER)?.grants).toEqual([{ role: 'staff', orgId: 'lh-station' }]);
  });

  it('asks for a reason, then ends a membership', async () => {
    const page = renderPage('admin/identity/members/index');
    await waitFor(page, (d) => d.loading === false);
    on(page).onEdit({ currentTarget: { dataset: { openid: MEMBER } } });
    on(page).onDeactivate({});
    expect(shown.toasts).toContainEqual({ title: '请填写停用原因' });
    const wxShim = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    const original = wxShim.showModal;
    wxShim.showModal = (o: { title?: string; success?: (r: { confirm: boolean }) => void }) => {
      shown.modals.push({ title: o.title, content: '' });
      o.success?.({ confirm: true });
    };
    try {
      on(page).onReason({ detail: { value: '调离本县' } });
      on(page).onDeactivate({});
      await waitFor(page, (d) => !(d.members as Row[]).some((r) => r.openid === MEMBER));
    } finally {
      wxShim.showModal = original;
    }
    expect(shown.modals[0]?.title).toBe('停用赵新来的账号？');
    expect(shown.functionCalls).toEqual(['identity.listMembers', 'identity.deactivateMember']);
  });
});
