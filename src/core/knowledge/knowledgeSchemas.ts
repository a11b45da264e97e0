import { z } from 'zod';

const perLanguage = <T extends z.ZodType>(schema: T) => z.object({ en: schema, es: schema });

/** Front matter of a knowledge Markdown file. */
export const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  title: z.string().min(1),
  source: z.url(),
  published: z.iso.date(),
  language: z.enum(['en', 'es']),
  unofficialTranslation: z.boolean().default(false),
});

/** knowledge/contacts.json */
export const contactsFileSchema = z.object({
  contacts: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/),
        name: z.string().min(1),
        title: perLanguage(z.string().min(1)),
        email: z.email(),
      }),
    )
    .min(1),
});

/** knowledge/questions.json: per unit, a short title for suggestions and curated alternate questions. */
export const questionsFileSchema = z.object({
  about: z.string().optional(),
  questions: z.record(
    z.string(),
    z.object({
      title: z
        .object({ en: z.string().min(1).max(60).optional(), es: z.string().min(1).max(60).optional() })
        .optional(),
      /** Other words people name a list by ("retos" for "desafíos"), for "the third …". */
      names: z
        .object({ en: z.array(z.string().min(2)).default([]), es: z.array(z.string().min(2)).default([]) })
        .optional(),
      en: z.array(z.string().min(3)).default([]),
      es: z.array(z.string().min(3)).default([]),
    }),
  ),
});

/** knowledge/lexicon.json */
export const lexiconFileSchema = z.object({
  about: z.string().optional(),
  attributeWords: perLanguage(z.array(z.string().min(1))),
  personAttributeWords: perLanguage(z.array(z.string().min(1))).default({ en: [], es: [] }),
  attributeKin: perLanguage(z.record(z.string().min(1), z.array(z.string().min(1)))).default({ en: {}, es: {} }),
  speakers: perLanguage(z.array(z.string().min(1))).default({ en: [], es: [] }),
  viewWords: perLanguage(z.array(z.string().min(1))).default({ en: [], es: [] }),
  nameKin: perLanguage(z.record(z.string().regex(/^\S+$/, 'one word'), z.string().min(1))).default({ en: {}, es: {} }),
});

/** A labelled question: what the bot should answer it with, or that it should decline. */
export const labelledQuestionSchema = z
  .object({
    id: z.string().min(1),
    lang: z.enum(['en', 'es']),
    kind: z.enum(['answer', 'oos']),
    q: z.string().min(1),
    /** Unit ids (`goal`, or `document#goal`) any of which answers the question rightly. */
    units: z.array(z.string().min(1)).optional(),
    /** Patterns the reply must contain, case-insensitively. */
    expect: z.array(z.string()).optional(),
    note: z.string().optional(),
  })
  .refine((c) => c.kind === 'oos' || (c.units?.length ?? 0) > 0 || (c.expect?.length ?? 0) > 0, {
    message: 'an answer case needs units or expect',
  });

/** A file of labelled questions (knowledge/training/, test/fixtures/eval/). */
export const labelledQuestionsFileSchema = z.object({
  about: z.string().optional(),
  cases: z.array(labelledQuestionSchema),
});
