import { startDevcloud, type Devcloud } from '../../devcloud/server';
import { httpCaller, seedDemoCounty } from '../../scripts/seed/seed';
import globalSetup from './global-setup';

/**
 * Page tests share one devcloud for the run (pages only read and write their own personas' data),
 * so rendering a page costs a render, not a server start.
 */
export default async function pagesGlobalSetup(): Promise<void> {
  globalSetup();
  const cloud = await startDevcloud({ strict: true });
  await seedDemoCounty(httpCaller(cloud.url));
  process.env.DEVCLOUD_URL = cloud.url;
  (globalThis as { __pagesDevcloud?: Devcloud }).__pagesDevcloud = cloud;
}
