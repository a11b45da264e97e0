import { chunkMarkdown, slugify } from '../../../src/core/knowledge/chunker';

const options = { documentId: 'doc', language: 'en' as const };

describe('chunkMarkdown', () => {
  const markdown = [
    '# Title {#top-id}',
    '',
    'First paragraph, with **bold** and a [link](https://example.org).',
    '',
    '## Second Section',
    '',
    'One.',
    '',
    'Two.',
    '',
    'The items are:',
    '',
    '- alpha',
    '- beta',
    '',
    '### Deeper {#deep}',
    '',
    'Three.',
  ].join('\n');
  const passages = chunkMarkdown(markdown, options);

  it('gives each paragraph a stable id from its heading id and position', () => {
    expect(passages.map((p) => p.id)).toEqual([
      'doc#top-id-1',
      'doc#second-section-1',
      'doc#second-section-2',
      'doc#second-section-3',
      'doc#deep-1',
    ]);
  });

  it('keeps inline text but drops Markdown marks', () => {
    expect(passages[0]?.text).toBe('First paragraph, with bold and a link.');
  });

  it('keeps a list together with the paragraph that introduces it', () => {
    expect(passages[3]?.list).toEqual({ intro: 'The items are:', items: ['alpha', 'beta'] });
    expect(passages[3]?.text).toBe('The items are:\nalpha\nbeta');
  });

  it('records the heading path of each passage', () => {
    expect(passages[4]?.headings).toEqual(['Title', 'Second Section', 'Deeper']);
  });

  it('keeps ids of later sections when a paragraph is added to an earlier one', () => {
    const edited = markdown.replace('One.', 'Zero.\n\nOne.');
    const after = chunkMarkdown(edited, options);
    expect(after.find((p) => p.text === 'Three.')?.id).toBe('doc#deep-1');
  });

  it('slugifies headings with accents', () => {
    expect(slugify('Objetivos de Desarrollo – Perú')).toBe('objetivos-de-desarrollo-peru');
  });
});
