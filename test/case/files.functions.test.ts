import fs from 'node:fs';
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * Files on a case: photos of papers brought with a request or supplied later, and the receptionist's
 * handwritten signature at a walk-in registration. Uploads go to devcloud as the local-mode
 * mini-program sends them; every read is a short-lived link the case function hands out.
 */

interface Detail {
  case: { id: string; code: string; status: string };
  timeline: Array<{ title: string; files: Array<{ fileID: string; name: string }> }>;
  commands: string[];
}

const PHOTO = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'photo.png'));
let cloud: TestCloud;
let n = 0;
const rid = () => `files-${Date.now().toString(36)}-${n++}`;

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

const submit = (openid: string, attachments: object[]) =>
  cloud.call<{ ok: boolean; data?: { id: string; code: string }; error?: { code: string; message: string } }>(
    'case',
    'submit',
    { category: 'consultation', summary: '承包地被占，带了合同照片', applicant: { name: '王秀英', phone: '13800000011' }, attachments },
    { openid, requestId: rid() },
  );

const walkIn = (openid: string, extra: object) =>
  cloud.call<{ ok: boolean; data?: { id: string; code: string }; error?: { code: string; message: string } }>(
    'case',
    'register',
    { channel: 'walkIn', category: 'consultation', summary: '来窗口问工伤赔偿', orgId: 'qh-center', applicant: { name: '赵铁柱', phone: '13800000012' }, ...extra },
    { openid, requestId: rid() },
  );

const fileUrl = (openid: string, caseId: string, fileID: string) =>
  cloud.call<{ ok: boolean; data?: { url: string; expiresAt: string }; error?: { code: string; message: string } }>('case', 'fileUrl', { caseId, fileID }, { openid });

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
    expect(theirs.body.error?.message).toBe('只能上传到自己的文件夹');
    const nobody = await fetch(`${cloud.url}/storage/form`, { method: 'POST', body: new FormData() });
    expect(nobody.status).toBe(401);
  });
});

describe('photos with a request', () => {
  let caseId = '';
  let photo = '';

  it('attaches the resident’s photos to the new case and shows them on its first step', async () => {
    photo = await uploadOwn('demo-resident');
    const { body } = await submit('demo-resident', [{ fileID: photo, name: '照片1' }]);
    expect(body.ok).toBe(true);
    caseId = body.data?.id ?? '';
    const seen = await cloud.data<Detail>('case', 'get', { caseId }, { openid: 'demo-resident' });
    expect(seen.timeline[0]).toMatchObject({ title: '已受理', files: [{ fileID: photo, name: '照片1' }] });
    expect(seen.commands).toContain('addFiles');
  });

  it('refuses someone else’s upload, so a request cannot reach another person’s papers; nothing is written', async () => {
    const before = cloud.db.find('cases', {}).length;
    const theirs = await uploadOwn('demo-elder');
    const { body } = await submit('demo-resident', [{ fileID: theirs, name: '照片1' }]);
    expect(body.error).toEqual({ code: 'VALIDATION_FAILED', message: '只能提交您自己上传的文件' });
    expect(cloud.db.find('cases', {}).length).toBe(before);
  });

  it('opens a photo for the applicant and for staff through a link that works, and records the staff member’s look', async () => {
    const own = await fileUrl('demo-resident', caseId, photo);
    expect(own.body.ok).toBe(true);
    const bytes = Buffer.from(await (await fetch(own.body.data?.url ?? '')).arrayBuffer());
    expect(bytes.equals(PHOTO)).toBe(true);
    expect(cloud.db.find('audit_log', { what: 'case.file.read', subject: caseId })).toHaveLength(0);

    const staff = await fileUrl('demo-staff', caseId, photo);
    expect(staff.body.ok).toBe(true);
    expect(cloud.db.find('audit_log', { what: 'case.file.read', subject: caseId, actor: 'demo-staff' })).toHaveLength(1);
  });

  it('gives nothing to people outside the case, nor for files that are not on it', async () => {
    const stranger = await fileUrl('demo-elder', caseId, photo);
    expect(stranger.body.ok).toBe(false);
    expect(stranger.body.error?.code).toBe('FORBIDDEN');
    const otherFile = await uploadOwn('demo-resident');
    const notOnCase = await fileUrl('demo-resident', caseId, otherFile);
    expect(notOnCase.body.error).toEqual({ code: 'NOT_FOUND', message: '文件不存在或已被删除' });
  });

  it('links expire: a link handed out ten minutes ago no longer opens', async () => {
    const { body } = await fileUrl('demo-resident', caseId, photo);
    await fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(Date.now() + 11 * 60_000).toISOString() }) });
    try {
      expect((await fetch(body.data?.url ?? '')).status).toBe(403);
    } finally {
      await fetch(`${cloud.url}/devcloud/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true }) });
    }
  });

  it('adds more photos while the case is open, and supplies missing papers as photos', async () => {
    const later = await uploadOwn('demo-resident');
    const added = await cloud.data<Detail>('case', 'act', { caseId, command: { type: 'addFiles', files: [{ fileID: later, name: '照片2' }] } }, { openid: 'demo-resident', requestId: rid() });
    expect(added.timeline.at(-1)).toMatchObject({ title: '上传了材料', files: [{ fileID: later, name: '照片2' }] });

    await cloud.data('case', 'act', { caseId, command: { type: 'accept' } }, { openid: 'demo-staff', requestId: rid() });
    await cloud.data('case', 'act', { caseId, command: { type: 'requestMaterials', items: ['土地承包合同'] } }, { openid: 'demo-staff', requestId: rid() });
    const contract = await uploadOwn('demo-resident');
    const supplied = await cloud.data<Detail>(
      'case',
      'act',
      { caseId, command: { type: 'supplyMaterials', items: ['土地承包合同'], files: [{ fileID: contract, name: '照片3' }] } },
      { openid: 'demo-resident', requestId: rid() },
    );
    expect(supplied.case.status).toBe('inProgress');
    expect(supplied.timeline.at(-1)).toMatchObject({ title: '已补交材料', files: [{ fileID: contract, name: '照片3' }] });
    expect((await fileUrl('demo-staff', caseId, contract)).body.ok).toBe(true);
  });

  it('keeps the photos staff take for themselves (the other party’s papers) from the applicant', async () => {
    const theirs = await uploadOwn('demo-staff', 'other-party');
    const seen = await cloud.data<Detail>('case', 'act', { caseId, command: { type: 'addFiles', files: [{ fileID: theirs, name: '对方身份证' }] } }, { openid: 'demo-staff', requestId: rid() });
    expect(seen.timeline.at(-1)).toMatchObject({ title: '上传了材料', files: [{ name: '对方身份证' }] });
    expect((await fileUrl('demo-staff', caseId, theirs)).body.ok).toBe(true);
    expect((await fileUrl('demo-resident', caseId, theirs)).body.error?.code).toBe('NOT_FOUND');
    const mine = await cloud.data<Detail>('case', 'get', { caseId }, { openid: 'demo-resident' });
    expect(JSON.stringify(mine.timeline)).not.toContain('对方身份证');
  });
});

describe('the receptionist’s signature at a walk-in', () => {
  it('will not register a walk-in without it', async () => {
    const { body } = await walkIn('demo-staff', {});
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'signature', message: '请接待人在下方手写签名' }] });
  });

  it('keeps it on the workers’ timeline and in the ledger', async () => {
    const signature = await uploadOwn('demo-staff', 'signature');
    const { body } = await walkIn('demo-staff', { signature: { fileID: signature, name: '接待人签名' } });
    const caseId = body.data?.id ?? '';
    const staffView = await cloud.data<Detail>('case', 'get', { caseId }, { openid: 'demo-staff' });
    expect(staffView.timeline[0]?.files).toEqual([{ fileID: signature, name: '接待人签名' }]);
    expect((await fileUrl('demo-staff', caseId, signature)).body.ok).toBe(true);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const ledger = await cloud.data<{ rows: Array<Record<string, string>> }>('case', 'ledger', { from: today, to: today }, { openid: 'demo-staff' });
    expect(ledger.rows.find((r) => r.caseCode === body.data?.code)?.receptionistSignature).toBe('陈静（手写签名）');
  });

  it('takes only the receptionist’s own upload as their signature', async () => {
    const forged = await uploadOwn('demo-resident', 'signature');
    const { body } = await walkIn('demo-staff', { signature: { fileID: forged, name: '接待人签名' } });
    expect(body.error?.code).toBe('VALIDATION_FAILED');
  });
});

describe('the applicant’s phone on the case page', () => {
  it('shows workers a masked number and reveals it whole only on request, on record; the resident gets no such door', async () => {
    const { body } = await submit('demo-migrant', []);
    const caseId = body.data?.id ?? '';
    const staff = await cloud.data<{ contact: { name: string; phone: string } | null }>('case', 'get', { caseId }, { openid: 'demo-staff' });
    expect(staff.contact).toEqual({ name: '王秀英', phone: '138****0011', proxy: null });
    const own = await cloud.data<{ contact: unknown }>('case', 'get', { caseId }, { openid: 'demo-migrant' });
    expect(own.contact).toBeNull();

    const revealed = await cloud.data<{ phone: string }>('case', 'contact', { caseId }, { openid: 'demo-staff' });
    expect(revealed.phone).toBe('13800000011');
    expect(cloud.db.find('audit_log', { what: 'case.contact.read', subject: caseId, actor: 'demo-staff' })).toHaveLength(1);

    const resident = await cloud.call<{ ok: boolean; error?: { code: string } }>('case', 'contact', { caseId }, { openid: 'demo-migrant' });
    expect(resident.body.error?.code).toBe('FORBIDDEN');
    const otherTownship = await cloud.call<{ ok: boolean; error?: { code: string } }>('case', 'contact', { caseId }, { openid: 'seed-staff-lh' });
    expect(otherTownship.body.error?.code).toBe('FORBIDDEN');

    // A staff member's own request, filed at the county center outside their township: they reach
    // it as its applicant, which is no door to the contact reveal.
    const filed = await submit('seed-staff-lh', []);
    const ownId = filed.body.data?.id ?? '';
    const asApplicant = await cloud.call<{ ok: boolean; error?: { code: string; message: string } }>('case', 'contact', { caseId: ownId }, { openid: 'seed-staff-lh' });
    expect(asApplicant.body.error?.code).toBe('FORBIDDEN');
  });
});
