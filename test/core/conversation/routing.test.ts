import { refineContactRoute, routeFor } from '../../../src/core/conversation/routing';
import { type IntentName, scoreTable } from '../../../src/core/intents/intentTypes';

const result = (intent: IntentName, score: number) => ({
  text: '',
  topIntent: intent,
  intents: scoreTable({ [intent]: score }),
  entities: [],
  source: 'offline' as const,
});

describe('routing', () => {
  it('follows a confident intent and treats an unsure one as a question', () => {
    expect(routeFor(result('Help', 0.8), 0.3)).toBe('help');
    expect(routeFor(result('Help', 0.2), 0.3)).toBe('question');
    expect(routeFor(result('None', 0.9), 0.3)).toBe('question');
  });

  it.each([
    ['I want to contact the deputy', 'en', 'contact'],
    ['the deputy please', 'en', 'contact'],
    ['Can I send a message to Amy Paro?', 'en', 'contact'],
    ['¿Puedo escribirle a la directora?', 'es', 'contact'],
    ['How much does the director earn?', 'en', 'question'],
    ['¿Cuánto gana la directora?', 'es', 'question'],
    ['How do I apply for a grant?', 'en', 'question'],
  ] as const)('routes the contact intent of %p (%s) to %s', (text, _language, route) => {
    expect(refineContactRoute('contact', text)).toBe(route);
  });

  it('leaves other routes alone', () => {
    expect(refineContactRoute('help', 'How do I use this?')).toBe('help');
  });
});
