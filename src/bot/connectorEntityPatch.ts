import * as connectorMappers from 'botframework-connector/lib/connectorApi/models/mappers';

type CompositeMapper = { type: { additionalProperties?: unknown } };

/**
 * botbuilder 4.23's Connector client serializes activity entities with a mapper that knows only
 * `type`, `text` and `mentioned`, so every other property (a citation's `citation`, `@type`,
 * `@context`) is silently dropped on the way to the channel. Declaring additional properties on
 * that mapper lets entities travel as written, which the Bot Framework activity schema allows.
 * Idempotent.
 */
export function preserveEntityProperties(): void {
  const entity = (connectorMappers as unknown as Record<string, CompositeMapper | undefined>).Entity;
  if (entity && !entity.type.additionalProperties) {
    entity.type.additionalProperties = { type: { name: 'Object' } };
  }
}
