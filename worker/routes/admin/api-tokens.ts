/** API tokens (admins): made with a name and scopes, shown once, revoked; each change audited. */
import { admin } from '../../../protocol/rest/admin';
import { createApiToken, listApiTokens, revokeApiToken } from '../../api/tokens';
import { audit } from '../../audit/audit';
import { requireRole } from '../../auth/roles';
import { Routes } from '../../http/route';

export const apiTokenRoutes = new Routes('/api/admin/api-tokens')
  .use(requireRole('admin'))
  .on(admin.apiTokens, async (c) => c.json({ apiTokens: await listApiTokens(c.env.DB) }))
  .on(admin.createApiToken, async (c, checked) => {
    const made = await createApiToken(c.env.DB, c.var.agent.id, await checked.body());
    const { id, name, scopes, ratePerMinute } = made.apiToken;
    await audit(c.env.DB, c.var.agent.id, 'api_token.created', id, { name, scopes, ratePerMinute });
    return c.json(made, 201);
  })
  .on(admin.revokeApiToken, async (c) => {
    const token = await revokeApiToken(c.env.DB, c.req.param('id'));
    await audit(c.env.DB, c.var.agent.id, 'api_token.revoked', token.id, { name: token.name });
    return c.body(null, 204);
  });
