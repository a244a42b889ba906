import { wxContentGuard, wxMessenger } from '../../cloudfunctions/_runtime/ports';

// The CloudBase adapters of the ports: their call shape is what subscribeMessage.send and
// msgSecCheck v2 take (wx-server-sdk sends these over protobuf, which devcloud does not speak).
describe('wx-server-sdk adapters', () => {
  const calls: Array<{ api: string; args: Record<string, unknown> }> = [];
  const openapi = {
    subscribeMessage: {
      send: async (args: Record<string, unknown>) => {
        calls.push({ api: 'subscribeMessage.send', args });
        if (args.touser === 'refused') throw Object.assign(new Error('refused'), { errCode: 43101, errMsg: 'user refuse to accept the msg' });
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
      },
    },
    security: {
      msgSecCheck: async (args: Record<string, unknown>) => {
        calls.push({ api: 'security.msgSecCheck', args });
        return args.content === '无结论' ? { errCode: 0 } : { errCode: 0, result: { suggest: 'pass' as const, label: 100 } };
      },
    },
  };
  beforeEach(() => (calls.length = 0));

  it('sends a subscribe message with the fields WeChat expects and answers its errcode', async () => {
    const messenger = wxMessenger(openapi, 'formal');
    const data = { thing2: { value: '邻里纠纷调解' } };
    expect(await messenger.send({ touser: 'o1', templateId: 'T1', page: 'pages/case/detail/index?caseId=c1', data })).toEqual({ errcode: 0, errmsg: 'openapi.subscribeMessage.send:ok' });
    expect(calls[0]).toEqual({
      api: 'subscribeMessage.send',
      args: { touser: 'o1', templateId: 'T1', page: 'pages/case/detail/index?caseId=c1', data, miniprogramState: 'formal', lang: 'zh_CN' },
    });
  });

  it('answers a refusal (43101) instead of throwing, so the caller can fall back to the inbox', async () => {
    const result = await wxMessenger(openapi, 'formal').send({ touser: 'refused', templateId: 'T1', data: {} });
    expect(result).toEqual({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
  });

  it('checks text with msgSecCheck v2 and holds it for review when no verdict comes back', async () => {
    const guard = wxContentGuard(openapi);
    expect(await guard.check({ content: '宅基地纠纷', openid: 'o1', scene: 3 })).toEqual({ suggest: 'pass', label: 100 });
    expect(calls[0]?.args).toEqual({ content: '宅基地纠纷', openid: 'o1', scene: 3, version: 2 });
    expect(await guard.check({ content: '无结论', openid: 'o1', scene: 3 })).toEqual({ suggest: 'review', label: 21000 });
  });
});
