import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import type { Route } from './route.js';

type JsonObject = Record<string, unknown>;

function schemaOf(schema: v.GenericSchema): JsonObject {
  // Input types: that is what a client sends; transforms are server-side details.
  const json = toJsonSchema(schema, { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' }) as JsonObject;
  delete json.$schema;
  return json;
}

function parametersOf(route: Route): JsonObject[] {
  const out: JsonObject[] = [];
  for (const [place, schema] of [
    ['path', route.endpoint.params],
    ['query', route.endpoint.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema);
    const properties = (json.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      out.push({ name, in: place, required: place === 'path' || required.has(name), schema: property });
    }
  }
  if (route.endpoint.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'A unique key per intended operation; a retry with the same key returns the first answer.',
      schema: { type: 'string', minLength: 8, maxLength: 200 },
    });
  }
  return out;
}

const problemResponse = { $ref: '#/components/responses/Problem' };

/** The success answer: JSON by the contract, a file or feed by `produces`, or nothing. */
function successOf(route: Route): JsonObject {
  const { endpoint, doc } = route;
  if (endpoint.response)
    return { description: 'Success', content: { 'application/json': { schema: schemaOf(endpoint.response) } } };
  if (doc.produces) {
    const content = Object.fromEntries(
      doc.produces.map((type) => [
        type,
        // OpenAPI 3.1: raw bytes are a string with the media type, no JSON Schema to validate.
        { schema: type.startsWith('text/') ? { type: 'string' } : { type: 'string', contentMediaType: type } },
      ]),
    );
    return { description: 'The file', content };
  }
  return { description: 'Success, no content' };
}

/** A `multipart/form-data` request body, from the route's `upload` fields. */
function uploadBodyOf(upload: NonNullable<Route['doc']['upload']>): JsonObject {
  const properties: JsonObject = {};
  const encoding: JsonObject = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(upload.fields)) {
    properties[name] = field.binary
      ? { type: 'string', contentMediaType: 'application/octet-stream', description: field.description }
      : { type: 'string', description: field.description };
    if (field.binary) encoding[name] = { contentType: field.binary.join(', ') };
    if (field.required) required.push(name);
  }
  return {
    required: true,
    content: { 'multipart/form-data': { schema: { type: 'object', properties, required }, encoding } },
  };
}

/** The OpenAPI 3.1 document, generated from the very routes the app mounts. */
export function buildOpenApi(routes: Route[], info: { version: string; serverUrl: string }): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const { endpoint, doc } = route;
    const path = endpoint.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const operation: JsonObject = {
      operationId: `${endpoint.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m: string, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      tags: doc.tags,
      parameters: parametersOf(route),
      ...(doc.access === 'public' ? { security: [] } : {}),
      'x-foyer-access': doc.access,
      ...(endpoint.roles ? { 'x-foyer-roles': [...endpoint.roles] } : {}),
      responses: {
        [String(endpoint.status)]: successOf(route),
        default: problemResponse,
      },
    };
    if (doc.upload) operation.requestBody = uploadBodyOf(doc.upload);
    if (endpoint.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(endpoint.body) } } };
    }
    paths[path] ??= {};
    paths[path][endpoint.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Foyer API',
      version: info.version,
      description:
        'The HTTP API of Foyer, the embeddable family-services portal. Errors are `application/problem+json` (RFC 9457) with a stable `code`.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: info.serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: {
        Problem: {
          description: 'An error, as `application/problem+json`.',
          content: {
            'application/problem+json': {
              schema: {
                type: 'object',
                required: ['type', 'title', 'status', 'code'],
                properties: {
                  type: { type: 'string' },
                  title: { type: 'string' },
                  status: { type: 'integer' },
                  detail: { type: 'string' },
                  code: { type: 'string' },
                  requestId: { type: 'string' },
                  errors: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { path: { type: 'string' }, message: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
