import fs from 'node:fs';
import { API_DOC, renderApiDocs } from '../../scripts/docs';

describe('docs/api.md', () => {
  it('matches the contracts (run `npm run docs` after changing an action)', () => {
    expect(fs.readFileSync(API_DOC, 'utf8')).toBe(renderApiDocs());
  });
});
