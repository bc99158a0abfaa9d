// Two headless Pigeons on two namespace hosts, each with its main window open in its own
// Chromium (360×640): 小王 (研发部, Chinese) on desk1 and Amy (English) on desk2.
import type { Browser, Page } from 'playwright-core';
import { launchBrowserOn } from '../../lab/browser';
import { startHeadlessOn } from '../../lab/headless-on-host';
import { createLan, type Lan } from '../../lab/lan';

export interface WangAndAmy {
  lan: Lan;
  wangMain: Page;
  amyMain: Page;
  stop(): Promise<void>;
}

/** `subnet` is the first three parts of the addresses, e.g. '10.86.0'. */
export async function startWangAndAmy(subnet: string): Promise<WangAndAmy> {
  const lan = await createLan({
    hosts: [
      { name: 'desk1', address: `${subnet}.31`, hostname: 'desk-wang' },
      { name: 'desk2', address: `${subnet}.32`, hostname: 'desk-amy' },
    ],
  });
  const browsers: Browser[] = [];
  const stop = async (): Promise<void> => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await lan.dispose();
  };
  try {
    const fast = ['--answer-delay-ms', '200'];
    const wang = await startHeadlessOn(lan, 'desk1', [
      '--nick',
      '小王',
      '--group',
      '研发部',
      ...fast,
    ]);
    const amy = await startHeadlessOn(lan, 'desk2', ['--nick', 'Amy', '--lang', 'en', ...fast]);
    for (const host of ['desk1', 'desk2']) browsers.push(await launchBrowserOn(lan, host));
    const wangMain = await browsers[0]!.newPage({ viewport: { width: 360, height: 640 } });
    const amyMain = await browsers[1]!.newPage({ viewport: { width: 360, height: 640 } });
    await wangMain.goto(wang.url);
    await amyMain.goto(amy.url);
    return { lan, wangMain, amyMain, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
