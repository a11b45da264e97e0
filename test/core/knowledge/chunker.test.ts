import { chunkMarkdown, slugify } from '../../../src/core/knowledge/chunker';

const options = { documentId: 'doc', language: 'en' as const };

describe('chunkMarkdown', () => {
  const markdown = [
    '# Document title',
    '',
    'A paragraph under the document title belongs to no unit.',
    '',
    '## First unit {#first}',
    '',
    'First paragraph, with **bold** and a [link](https://example.org).',
    '',
    'Its second paragraph.',
    '',
    '## Second Section',
    '',
    'Some context. The items are:',
    '',
    '- alpha;',
    '- beta; and',
    '- gamma.',
  ].join('\n');
  const units = chunkMarkdown(markdown, options);

  it('makes one unit per heading, with the heading id or its slug, and the heading as title', () => {
    expect(units.map((u) => [u.id, u.title])).toEqual([
      ['doc#first', 'First unit'],
      ['doc#second-section', 'Second Section'],
      ['doc#second-section-1', 'Second Section (1)'],
      ['doc#second-section-2', 'Second Section (2)'],
      ['doc#second-section-3', 'Second Section (3)'],
    ]);
  });

  it('keeps inline text but drops Markdown marks, and joins a unit paragraphs', () => {
    expect(units[0]?.text).toBe('First paragraph, with bold and a link.\n\nIts second paragraph.');
  });

  it('makes a list under a lead-in one unit, with the text before the colon as its lead-in', () => {
    expect(units[1]?.list).toEqual({ intro: 'Some context. The items are:', items: ['alpha;', 'beta; and', 'gamma.'] });
    expect(chunkMarkdown('## N {#n}\n\nSteps:\n\n1. one\n2. two\n', options)[0]?.list?.ordered).toBe(true);
    expect(units[1]?.text).toBe('Some context. The items are:\nalpha;\nbeta; and\ngamma.');
  });

  it('makes each list item a unit that knows its list and position', () => {
    expect(units[3]).toMatchObject({
      text: 'beta; and',
      item: { listId: 'doc#second-section', position: 2, count: 3 },
    });
  });

  it('keeps ids of later sections when a paragraph is added to an earlier one', () => {
    const edited = markdown.replace('Its second paragraph.', 'Zero.\n\nIts second paragraph.');
    expect(chunkMarkdown(edited, options).map((u) => u.id)).toEqual(units.map((u) => u.id));
  });

  it('slugifies headings with accents', () => {
    expect(slugify('Objetivos de Desarrollo – Perú')).toBe('objetivos-de-desarrollo-peru');
  });
});
