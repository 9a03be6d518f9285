/** The local CRM over the public API: contacts found by email, account number or a prefix, made and changed. */
import { contactRecord, createContact, listContacts, updateContact } from '../../contacts/contacts';
import { HttpError } from '../../http/errors';
import { Routes } from '../../http/route';
import { requireSite } from '../../site/sites';
import { scoped } from './scoped';

export const v1ContactRoutes = new Routes('/api/v1')
  .on(...scoped('contacts'), async (c, checked) => c.json(await listContacts(c.env.DB, checked.query())))
  .on(...scoped('contact'), async (c) => {
    const record = await contactRecord(c.env.DB, c.req.param('id'));
    if (!record) throw new HttpError(404, { code: 'not_found', message: 'No such contact' });
    return c.json(record);
  })
  .on(...scoped('createContact'), async (c, checked) => {
    const { siteId, ...fields } = await checked.body();
    await requireSite(c.env.DB, siteId);
    return c.json(await createContact(c.env, siteId, fields), 201);
  })
  .on(...scoped('updateContact'), async (c, checked) => c.json(await updateContact(c.env, c.req.param('id'), await checked.body())));
