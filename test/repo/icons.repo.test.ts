/**
 * Icons ship with the package (U1): no stylesheet the app ships loads a font from the network, and
 * every icon the app reaches (its own icon attributes, the defaults of the TDesign components it
 * uses) has its glyph in the vendored font at TDesign's codepoint, so it shows offline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cdnFontFaces, ICON_WXSS, MP, offlineIconWxss, tdesignCodepoints, ttfCodepoints, usedIcons, vendoredFont } from '../../scripts/icons';

const PACKED = path.resolve(__dirname, '..', '..', 'dist', 'miniprogram');

describe('icons ship with the package', () => {
  it('has a glyph for every icon the app reaches, at TDesign’s codepoint', () => {
    const codepoints = tdesignCodepoints();
    const inFont = ttfCodepoints(vendoredFont());
    const used = usedIcons();
    // The ones every resident sees: a cell's arrow, an input's clear button, the upload's +.
    expect(used).toEqual(expect.arrayContaining(['chevron-right', 'close-circle-filled', 'add']));
    expect(used.filter((name) => !inFont.has(codepoints.get(name) as number))).toEqual([]);
  });

  it('packs TDesign’s icon.wxss with the vendored font instead of the CDN one', () => {
    const packed = offlineIconWxss(fs.readFileSync(ICON_WXSS, 'utf8'));
    expect(packed).toContain("@import '../../../styles/tdesign-icons.wxss';");
    expect(packed).not.toMatch(/tdesign\.gtimg\.com|url\(\s*['"]?https?:/);
    // The import resolves from where miniprogram_npm puts icon.wxss, to the file the repo ships.
    expect(fs.existsSync(path.resolve(MP, 'miniprogram_npm/tdesign-miniprogram/icon', '../../../styles/tdesign-icons.wxss'))).toBe(true);
  });

  it('fails on any @font-face from the network in the sources or the built package', () => {
    expect(cdnFontFaces(MP)).toEqual([]);
    if (fs.existsSync(path.join(PACKED, 'miniprogram_npm'))) expect(cdnFontFaces(PACKED)).toEqual([]);
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-cdn-font-'));
    try {
      fs.writeFileSync(path.join(tree, 'icon.wxss'), '.a{}\n@font-face{font-family:t;src:url(https://tdesign.gtimg.com/icon/0.4.3/fonts/t.woff) format(\'woff\');}\n');
      fs.writeFileSync(path.join(tree, 'ok.wxss'), "@font-face{font-family:t;src:url('data:font/ttf;base64,AAAA') format('truetype');}\n");
      expect(cdnFontFaces(tree)).toEqual(['icon.wxss:2']);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
});
