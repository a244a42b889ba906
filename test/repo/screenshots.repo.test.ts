/**
 * docs/screenshots holds a picture of every page in app.json (`npm run screenshots` makes them):
 * a page added without one fails here, so design changes are seen in review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allPages, type AppJson } from '../../devcloud/preview/bundle';
import { SCREENSHOT_DIR, SCREENSHOT_PERSONAS, screenshotFile } from '../../scripts/screenshots';

const app = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'miniprogram', 'app.json'), 'utf8')) as AppJson;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('docs/screenshots (npm run screenshots)', () => {
  it.each(allPages(app))('has %s for each persona it is meant for', (page) => {
    const personas = SCREENSHOT_PERSONAS.filter((p) => p.pages(page));
    expect(personas.length).toBeGreaterThan(0);
    for (const persona of personas) {
      const file = screenshotFile(persona.openid, page);
      expect(fs.existsSync(file) ? path.relative(SCREENSHOT_DIR, file) : `missing ${path.relative(SCREENSHOT_DIR, file)}: run npm run screenshots`).toBe(
        path.relative(SCREENSHOT_DIR, file),
      );
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 8).equals(PNG)).toBe(true);
      // Committed to the repository: a phone-sized PNG, not a full-page capture.
      expect(bytes.length).toBeLessThan(200 * 1024);
    }
  });

  it('keeps no picture of a page that is gone', () => {
    const expected = new Set(SCREENSHOT_PERSONAS.flatMap((p) => allPages(app).filter(p.pages).map((page) => screenshotFile(p.openid, page))));
    const present = fs.readdirSync(SCREENSHOT_DIR, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? fs.readdirSync(path.join(SCREENSHOT_DIR, d.name)).map((f) => path.join(SCREENSHOT_DIR, d.name, f)) : [path.join(SCREENSHOT_DIR, d.name)],
    );
    expect(present.filter((f) => !expected.has(f)).map((f) => path.relative(SCREENSHOT_DIR, f))).toEqual([]);
  });
});
