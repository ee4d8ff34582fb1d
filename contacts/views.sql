-- The store's views, made for a new store and again after every upgrade (contacts.migrations).

-- The design card's five columns, for people who just want to look, with the status
-- (occurred or planned: queries count what occurred) and the origin. `source` lists the
-- outlets of the articles that report the contact, an article without one by its file's
-- name: the meaning `where source = …` and `by source` give it (contacts.store._OUTLET).
CREATE OR REPLACE VIEW contact_view AS
SELECT c.id, w.name AS who, m.name AS whom, c.mode,
       CASE c.precision WHEN 'day' THEN strftime(c.date_start, '%Y-%m-%d')
                        WHEN 'month' THEN strftime(c.date_start, '%Y-%m')
                        WHEN 'year' THEN strftime(c.date_start, '%Y') END AS date,
       c.status,
       (SELECT string_agg(DISTINCT coalesce(a.source, a.name), ', ' ORDER BY coalesce(a.source, a.name))
          FROM contact_sources s JOIN mentions mm ON mm.id = s.mention JOIN articles a ON a.id = mm.article
         WHERE s.contact = c.id) AS source,
       array_to_string(c.origins, ', ') AS origin
FROM contacts c JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom;
