import fs from 'node:fs';
import path from 'node:path';
import type { InputOf, caseContracts } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * Files on a case: photos of papers brought with a request or supplied later, and the receptionist's
 * handwritten signature at a walk-in registration. Uploads go to devcloud as the local-mode
 * mini-program sends them; every read is a short-lived link the case function hands out.
 */

type Attachment = InputOf<(typeof caseContracts)['submit']>['attachments'];
type WalkIn = Partial<InputOf<(typeof caseContracts)['register']>>;

const PHOTO = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'photo.png'));
let cloud: TestCloud;
let n = 0;

async function upload(openid: string, cloudPath: string): Promise<{ status: number; body: { ok: boolean; data?: { fileID: string }; error?: { code: string; message: string } } }> {
  const form = new FormData();
  form.set('cloudPath', cloudPath);
  form.set('file', new Blob([PHOTO]), 'photo.png');
  const res = await fetch(`${cloud.url}/storage/form`, { method: 'POST', headers: { 'x-devcloud-openid': openid }, body: form });
  return { status: res.status, body: (await res.json()) as never };
}

async function uploadOwn(openid: string, name = 'photo'): Promise<string> {
  const { body } = await upload(openid, `uploads/${openid}/${name}-${n++}.png`);
  if (!body.data) throw new Error(`upload failed: ${JSON.stringify(body)}`);
  return body.data.fileID;
}

const submit = (openid: string, attachments: Attachment) =>
  cloud.api(openid).case.submit({ category: 'consultation', summary: '承包地被占，带了合同照片', applicant: { name: '王秀英', phone: '13800000011' }, attachments });

const walkIn = (openid: string, extra: WalkIn) =>
  cloud.api(openid).case.register({
    channel: 'walkIn',
    category: 'consultation',
    summary: '来窗口问工伤赔偿',
    orgId: 'qh-center',
    applicant: { name: '赵铁柱', phone: '13800000012' },
    ...extra,
  });

const fileUrl = (openid: string, caseId: string, fileID: string) => cloud.api(openid).case.fileUrl({ caseId, fileID });
const refusal = (code: string, reason: string) => ({ code, details: { reason } });

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('uploads', () => {
  it('keeps each person to their own uploads folder', async () => {
    const mine = await upload('demo-resident', 'uploads/demo-resident/contract.png');
    expect(mine.body.ok).toBe(true);
    const theirs = await upload('demo-resident', 'uploads/demo-elder/contract.png');
    expect(theirs.status).toBe(403);
    expect(theirs.body.error?.code).toBe('FORBIDDEN');
    const nobody = await fetch(`${cloud.url}/storage/form`, { method: 'POST', body: new FormData() });
    expect(nobody.status).toBe(401);
  });
});

describe('photos with a request', () => {
  let caseId = '';
  let photo = '';

  it('attaches the resident’s photos to the new case and shows them on its first step', async () => {
    photo = await uploadOwn('demo-resident');
    caseId = (await submit('demo-resident', [{ fileID: photo, name: '照片1' }])).id;
    const seen = await cloud.api('demo-resident').case.get({ caseId });
    expect(seen.timeline[0]).toMatchObject({ title: '已受理', files: [{ fileID: photo, name: '照片1' }] });
    expect(seen.commands).toContain('addFiles');
  });

  it('refuses someone else’s upload, so a request cannot reach another person’s papers; nothing is written', async () => {
    const before = cloud.db.find('cases', {}).length;
    const theirs = await uploadOwn('demo-elder');
    await expect(submit('demo-resident', [{ fileID: theirs, name: '照片1' }])).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'not_own_upload'));
    expect(cloud.db.find('cases', {}).length).toBe(before);
  });

  it('opens a photo for the applicant and for staff through a link that works, and records the staff member’s look', async () => {
    const own = await fileUrl('demo-resident', caseId, photo);
    const bytes = Buffer.from(await (await fetch(own.url)).arrayBuffer());
    expect(bytes.equals(PHOTO)).toBe(true);
    expect(cloud.db.find('audit_log', { what: 'case.file.read', subject: caseId })).toHaveLength(0);

    await fileUrl('demo-staff', caseId, photo);
    expect(cloud.db.find('audit_log', { what: 'case.file.read', subject: caseId, actor: 'demo-staff' })).toHaveLength(1);
  });

  it('gives nothing to people outside the case, nor for files that are not on it', async () => {
    await expect(fileUrl('demo-elder', caseId, photo)).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    const otherFile = await uploadOwn('demo-resident');
    await expect(fileUrl('demo-resident', caseId, otherFile)).rejects.toMatchObject(refusal('NOT_FOUND', 'file_not_found'));
  });

  it('links expire: a link handed out ten minutes ago no longer opens', async () => {
    const { url } = await fileUrl('demo-resident', caseId, photo);
    await fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(Date.now() + 11 * 60_000).toISOString() }) });
    try {
      expect((await fetch(url)).status).toBe(403);
    } finally {
      await fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true }) });
    }
  });

  it('adds more photos while the case is open, and supplies missing papers as photos', async () => {
    const later = await uploadOwn('demo-resident');
    const added = await cloud.api('demo-resident').case.act({ caseId, command: { type: 'addFiles', files: [{ fileID: later, name: '照片2' }] } });
    expect(added.timeline.at(-1)).toMatchObject({ title: '上传了材料', files: [{ fileID: later, name: '照片2' }] });

    await cloud.api('demo-staff').case.act({ caseId, command: { type: 'accept' } });
    await cloud.api('demo-staff').case.act({ caseId, command: { type: 'requestMaterials', items: ['土地承包合同'] } });
    const contract = await uploadOwn('demo-resident');
    const supplied = await cloud.api('demo-resident').case.act({
      caseId,
      command: { type: 'supplyMaterials', items: ['土地承包合同'], files: [{ fileID: contract, name: '照片3' }] },
    });
    expect(supplied.case.status).toBe('inProgress');
    expect(supplied.timeline.at(-1)).toMatchObject({ title: '已补交材料', files: [{ fileID: contract, name: '照片3' }] });
    expect((await fileUrl('demo-staff', caseId, contract)).url).toMatch(/^http/);
  });

  it('keeps the photos staff take for themselves (the other party’s papers) from the applicant', async () => {
    const theirs = await uploadOwn('demo-staff', 'other-party');
    const seen = await cloud.api('demo-staff').case.act({ caseId, command: { type: 'addFiles', files: [{ fileID: theirs, name: '对方身份证' }] } });
    expect(seen.timeline.at(-1)).toMatchObject({ title: '上传了材料', files: [{ name: '对方身份证' }] });
    expect((await fileUrl('demo-staff', caseId, theirs)).url).toMatch(/^http/);
    await expect(fileUrl('demo-resident', caseId, theirs)).rejects.toMatchObject(refusal('NOT_FOUND', 'file_not_found'));
    const mine = await cloud.api('demo-resident').case.get({ caseId });
    expect(JSON.stringify(mine.timeline)).not.toContain('对方身份证');
  });
});

describe('the receptionist’s signature at a walk-in', () => {
  it('will not register a walk-in without it', async () => {
    await expect(walkIn('demo-staff', {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { reason: 'invalid_input', fields: [{ path: 'signature', rule: 'custom' }] },
    });
  });

  it('keeps it on the workers’ timeline and in the ledger', async () => {
    const signature = await uploadOwn('demo-staff', 'signature');
    const registered = await walkIn('demo-staff', { signature: { fileID: signature, name: '接待人签名' } });
    const caseId = registered.id;
    const staffView = await cloud.api('demo-staff').case.get({ caseId });
    expect(staffView.timeline[0]?.files).toEqual([{ fileID: signature, name: '接待人签名' }]);
    expect((await fileUrl('demo-staff', caseId, signature)).url).toMatch(/^http/);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const ledger = await cloud.api('demo-staff').case.ledger({ from: today, to: today });
    expect(ledger.rows.find((r) => r.caseCode === registered.code)?.receptionistSignature).toBe('陈静（手写签名）');
  });

  it('takes only the receptionist’s own upload as their signature', async () => {
    const forged = await uploadOwn('demo-resident', 'signature');
    await expect(walkIn('demo-staff', { signature: { fileID: forged, name: '接待人签名' } })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'not_own_upload'));
  });
});

describe('the applicant’s phone on the case page', () => {
  it('shows workers a masked number and reveals it whole only on request, on record; the resident gets no such door', async () => {
    const { id: caseId } = await submit('demo-migrant', []);
    const staff = await cloud.api('demo-staff').case.get({ caseId });
    expect(staff.contact).toEqual({ name: '王秀英', phone: '138****0011', proxy: null });
    const own = await cloud.api('demo-migrant').case.get({ caseId });
    expect(own.contact).toBeNull();

    const revealed = await cloud.api('demo-staff').case.contact({ caseId });
    expect(revealed.phone).toBe('13800000011');
    expect(cloud.db.find('audit_log', { what: 'case.contact.read', subject: caseId, actor: 'demo-staff' })).toHaveLength(1);

    // A resident never reaches the action at all; a worker of another township reaches it but not the case.
    await expect(cloud.api('demo-migrant').case.contact({ caseId })).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_allowed'));
    await expect(cloud.api('seed-staff-lh').case.contact({ caseId })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));

    // A staff member's own request, filed at the county center outside their township: they reach
    // it as its applicant, which is no door to the contact reveal.
    const filed = await submit('seed-staff-lh', []);
    await expect(cloud.api('seed-staff-lh').case.contact({ caseId: filed.id })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
  });
});
