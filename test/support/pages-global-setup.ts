import { startDevcloud, type Devcloud } from '../../devcloud/server';
import globalSetup from './global-setup';

/**
 * Page tests share one devcloud for the run (pages only read and write their own personas' data),
 * so rendering a page costs a render, not a server start.
 */
export default async function pagesGlobalSetup(): Promise<void> {
  globalSetup();
  const cloud = await startDevcloud({ strict: true });
  process.env.DEVCLOUD_URL = cloud.url;
  (globalThis as { __pagesDevcloud?: Devcloud }).__pagesDevcloud = cloud;
}
