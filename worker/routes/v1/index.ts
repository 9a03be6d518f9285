/**
 * The public API (`/api/v1`, docs/api.md): a Bearer API token on every route but the document
 * describing them; each route asks for its scope (`V1_SCOPES`). No cookies, so no Origin check:
 * a token is not something a browser sends by itself.
 */
import { Routes } from '../../http/route';
import { requireToken } from '../../api/bearer';
import { v1ContactRoutes } from './contacts';
import { v1ConversationRoutes } from './conversations';
import { v1DocumentRoutes } from './document';
import { v1TicketRoutes } from './tickets';
import { v1VisitorRoutes } from './visitors';
import { v1ReportRoutes } from './reports';

export const v1Routes = new Routes('/api/v1')
  .route('/', v1DocumentRoutes)
  .route('/', new Routes('/api/v1').use(requireToken).route('/', v1ConversationRoutes).route('/', v1ContactRoutes).route('/', v1TicketRoutes).route('/', v1VisitorRoutes).route('/', v1ReportRoutes));
