import type { Caller } from './seed';

/**
 * The demo county's village groups, made through the group function as people would: 东坡村's
 * elderly villager joins by the village code and asks, the advisor answers one question and
 * leaves one waiting on her desk, and posts a 法治宣传 notice. demo-resident joins nothing, so
 * joining can be tried out (and the browser journey does it).
 */
export async function seedDemoGroups(call: Caller): Promise<void> {
  const { joinCode } = (await call('group', 'open', { groupId: 'qs-dongpo' }, 'demo-advisor')) as { joinCode: string };
  await call('group', 'join', { code: joinCode, name: '王大爷' }, 'demo-elder');
  const asked = (await call('group', 'post', { groupId: 'qs-dongpo', kind: 'question', text: '儿子不给赡养费，我该怎么办？' }, 'demo-elder')) as { message: { id: string } };
  await call('group', 'post', { groupId: 'qs-dongpo', kind: 'answer', questionId: asked.message.id, text: '子女有赡养义务。可以先请村调委会调解，调解不成可以起诉，符合条件的可申请法律援助。' }, 'demo-advisor');
  await call('group', 'post', { groupId: 'qs-dongpo', kind: 'question', text: '宅基地上的老房子能不能卖给外村人？' }, 'demo-elder');
  await call('group', 'postNotice', { orgId: 'qs-dongpo', title: '民法典宣传月', text: '本月每周二上午，法律顾问在村委会讲赡养、继承和宅基地，欢迎来听。' }, 'demo-advisor');
}
