/** What describes the public API: its OpenAPI document and the reference page drawn from it. */
import { v1Document } from '../../../protocol/rest/v1';
import { openApiDocument } from '../../api/openapi';
import { referencePage } from '../../api/reference-page';
import { Routes } from '../../http/route';

export const v1DocumentRoutes = new Routes('/api/v1')
  .on(v1Document.openapi, (c) => c.json(openApiDocument(new URL(c.req.url).origin)))
  .on(v1Document.docs, async (c) => c.html(await referencePage(openApiDocument(new URL(c.req.url).origin))));
