import type { Devcloud } from '../../devcloud/server';

export default async function pagesGlobalTeardown(): Promise<void> {
  await (globalThis as { __pagesDevcloud?: Devcloud }).__pagesDevcloud?.close();
}
