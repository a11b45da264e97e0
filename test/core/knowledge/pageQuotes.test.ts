import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realKnowledge, knowledgeDir } from '../../helpers/core';

/** Quotes and spaces as the comparison ignores them: typographic and straight quotes are one. */
function plain(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

const source = plain(readFileSync(join(knowledgeDir, 'sources', 'usaid-peru-2023-10-06.txt'), 'utf8'));

/** The pieces of an answer as shown: lines, and the stretches between the ellipses of a quote. */
function pieces(text: string): string[] {
  return text
    .split(/\n|…/)
    .map((piece) => plain(piece.replace(/^\s*(-|\d+\.)\s+/, '').replace(/\[\d+\]/g, '')))
    .filter(Boolean);
}

describe('the English knowledge quotes the page', () => {
  const { kb, knowledge } = realKnowledge();
  const english = kb.passages.filter((p) => p.language === 'en');

  it.each(english.map((unit) => [unit.unitId, unit.text]))('unit %s is the page word for word', (_id, text) => {
    for (const piece of pieces(text)) expect(source).toContain(piece);
  });

  it.each(english.map((unit) => [unit.unitId, unit.id]))(
    'the answer for %s shows only the page own words',
    (_id, passageId) => {
      const reply = knowledge.answerUnit(passageId, 'en');
      if (reply.kind !== 'answer') throw new Error(`no answer for ${passageId}`);
      for (const piece of pieces([reply.lead, ...(reply.items ?? [])].join('\n'))) expect(source).toContain(piece);
    },
  );

  it('notices a sentence the page does not contain', () => {
    expect(source).not.toContain(plain('Peru is home to more than one million Venezuelan migrants'));
  });

  it('has a Spanish unit, marked unofficial, for every English one', () => {
    const spanish = new Set(kb.passages.filter((p) => p.language === 'es').map((p) => p.id));
    expect(english.map((p) => p.id).filter((id) => !spanish.has(id))).toEqual([]);
    expect(kb.documents.find((d) => d.language === 'es')?.unofficialTranslation).toBe(true);
  });
});
