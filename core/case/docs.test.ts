import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDiagram, stayTable } from './views';

describe('docs/case-states.md', () => {
  const page = readFileSync(join(__dirname, '..', '..', 'docs', 'case-states.md'), 'utf8');

  it('draws exactly the transition table the code enforces', () => {
    expect(page).toContain(`\`\`\`mermaid\n${stateDiagram()}\n\`\`\``);
  });

  it('lists the commands that keep the status as the code allows them', () => {
    expect(page).toContain(stayTable());
  });
});
