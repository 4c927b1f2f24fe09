-- Delivery metrics read finished deployments by their finish time: of one service (slipway metrics, a service's page),
-- of every service at once, and per service and environment (lead time joins each production environment's
-- deployments to their release notes).
CREATE INDEX deployments_finished_by_service ON deployments (service, finished_at);
CREATE INDEX deployments_finished ON deployments (finished_at);
CREATE INDEX deployments_delivered ON deployments (service, environment, finished_at);
