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

/** knowledge/questions.json */
export const questionsFileSchema = z.object({
  about: z.string().optional(),
  questions: z.record(
    z.string(),
    z.object({ en: z.array(z.string().min(3)).default([]), es: z.array(z.string().min(3)).default([]) }),
  ),
});

/** knowledge/synonyms.json */
export const synonymsFileSchema = z.object({
  about: z.string().optional(),
  phrases: perLanguage(z.record(z.string().min(1), z.string().min(1))),
  words: perLanguage(z.record(z.string().min(1), z.array(z.string().min(1)).min(1))),
});

/** knowledge/lexicon.json */
export const lexiconFileSchema = z.object({
  about: z.string().optional(),
  framingWords: perLanguage(z.array(z.string().min(1))),
  quantityCues: perLanguage(z.array(z.string().min(1))),
  alwaysTopicWords: perLanguage(z.array(z.string().min(1))).default({ en: [], es: [] }),
  contactCues: perLanguage(z.array(z.string().min(1))).default({ en: [], es: [] }),
  genericWords: perLanguage(z.array(z.string().min(1))).default({ en: [], es: [] }),
});
