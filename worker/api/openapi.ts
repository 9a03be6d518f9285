/**
 * The public API's OpenAPI 3.1 document, built from the v1 contract (`protocol/rest/v1.ts`) and the
 * very valibot schemas its routes check bodies and queries with, so the two cannot drift apart.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { API_SCOPES } from '../../protocol/public-api';
import type { Endpoint } from '../../protocol/rest/endpoint';
import { schemas } from '../../protocol/rest/schemas';
import { V1_SCOPES, v1 } from '../../protocol/rest/v1';

type Json = Record<string, unknown>;

/** What each operation does, in a line; the reference page shows these. */
const SUMMARIES: Record<keyof typeof v1, string> = {
  conversations: 'List conversations, oldest change first (filters: status, queue, label, updatedSince)',
  conversation: 'Get a conversation with its messages',
  postMessage: 'Post a message as the site, or as an agent in the chat',
  endConversation: 'End a conversation',
  addLabels: 'Add labels to a conversation',
  contacts: 'List or search contacts (q, email, accountNumber)',
  contact: 'Get a contact with its notes and cases',
  createContact: 'Create a contact',
  updateContact: 'Change a contact',
  tickets: 'List tickets, newest first',
  ticket: 'Get a ticket',
  createTicket: 'Create a ticket',
  replyToTicket: 'Answer a ticket by email',
  setTicketStatus: 'Set a ticket’s status',
  visitor: 'Get a visitor and their conversations',
  reportOverview: 'Report overview for a range of days, beside the period before (conversations, missed, waits, first response, ratings)',
  reportOverTime: 'Volume and wait per hour or day, and the weekday × hour heatmap',
  reportBreakdown: 'The same figures by agent, queue, site or language',
};

const jsonSchema = (schema: v.GenericSchema): Json => {
  // Transforms (a number read from a query string) have no JSON Schema: the input, a string, is what is described.
  const { $schema: _, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' }) as Json;
  return rest;
};

const ERROR: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable, for programs: e.g. invalid_token, insufficient_scope, rate_limited, not_found, invalid_request' },
        message: { type: 'string', description: 'For people' },
        field: { type: 'string', description: 'The request field at fault, as a dotted path' },
      },
    },
  },
};

const errorResponse = (description: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operation(name: keyof typeof v1, endpoint: Endpoint): Json {
  const params = [...endpoint.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = endpoint.query ? jsonSchema(schemas[endpoint.query] as v.GenericSchema) : null;
  const queryParams = Object.entries((query?.properties ?? {}) as Record<string, Json>).map(([key, schema]) => ({
    name: key,
    in: 'query',
    required: ((query?.required as string[] | undefined) ?? []).includes(key),
    schema,
  }));
  const scope = V1_SCOPES[name];
  return {
    operationId: name,
    summary: SUMMARIES[name],
    description: `Needs a token with the \`${scope}\` scope.`,
    tags: [endpoint.path.split('/')[3]!],
    security: [{ bearerAuth: [scope] }],
    ...(params.length + queryParams.length ? { parameters: [...params, ...queryParams] } : {}),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${endpoint.body}` } } } } }
      : {}),
    responses: {
      [endpoint.method === 'POST' && name !== 'endConversation' && name !== 'addLabels' ? '201' : '200']: {
        description: 'Done',
        content: { 'application/json': { schema: { type: 'object' } } },
      },
      '400': errorResponse('A bad body or query: the field at fault is named'),
      '401': errorResponse('No token, an unknown one or a revoked one', { 'WWW-Authenticate': { schema: { type: 'string' } } }),
      '403': errorResponse('The token lacks the scope'),
      '404': errorResponse('No such thing'),
      '409': errorResponse('Not now: the chat has ended, the agent is not in it, the account number is taken'),
      '429': errorResponse('Past the token’s rate limit', { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } }),
    },
  };
}

/** The document, for a server at `origin`. */
export function openApiDocument(origin: string): Json {
  const paths: Record<string, Json> = {};
  const used = new Set<string>();
  for (const [name, endpoint] of Object.entries(v1) as Array<[keyof typeof v1, Endpoint]>) {
    const path = endpoint.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [endpoint.method.toLowerCase()]: operation(name, endpoint) };
    if (endpoint.body) used.add(endpoint.body);
  }
  const bodies = Object.fromEntries([...used].sort().map((name) => [name, jsonSchema(schemas[name as keyof typeof schemas] as v.GenericSchema)]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley API',
      version: '1',
      description: 'Conversations, contacts, tickets and visitors of this Parley deployment. Tokens are made in Admin → API tokens. See docs/api.md.',
    },
    servers: [{ url: origin }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: `An API token. Scopes: ${API_SCOPES.join(', ')}.` },
      },
      schemas: { Error: ERROR, ...bodies },
    },
  };
}
