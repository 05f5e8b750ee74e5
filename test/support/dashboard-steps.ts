/** What a person does in the dashboard, as steps shared by the browser and the desktop-window specs. */
import type { Page } from 'playwright-core';

/** one group per core, named "core N" until its first draw, then by its summary ("cpu N: 42 % busy now; …") */
export const coreCards = (page: Page) => page.getByRole('group', { name: /^(core|cpu) \d+(:|$)/ });

/** How many cores read above 50 % right now. */
export const busyCores = async (page: Page) =>
  (await page.locator('.core .core-pct').allTextContents()).map((t) => parseFloat(t)).filter((v) => v > 50).length;

export const liveUnitRows = (page: Page) => page.locator('table.units tbody tr:not(.row-pad):not(:has(.empty-row))');

export async function launch(page: Page, mode: string, workload: string, units: string, duration: string): Promise<void> {
  await page.getByRole('radio', { name: mode }).check();
  await page.getByLabel('Workload').selectOption(workload);
  await page.getByLabel('Units', { exact: true }).fill(units);
  await page.getByLabel('Duration (s)').fill(duration);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

/** Press every run's Stop, each found by its run's name: a stopped run's lane changes, so the n-th Stop of the moment is another run's. */
export async function stopAll(page: Page): Promise<void> {
  const names = await page.getByRole('button', { name: /^Stop run r\d+$/ }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  for (const name of names) await page.getByRole('button', { name, exact: true }).click();
}
