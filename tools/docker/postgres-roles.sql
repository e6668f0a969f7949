-- Runs once when the Docker volume is new (docker-entrypoint-initdb.d): the
-- runtime role the API and worker use. `saas` (POSTGRES_USER) owns the tables
-- and runs migrations; `saas_app` owns nothing and is subject to row-level
-- security through app_runtime, which the migrations grant privileges to.
CREATE ROLE app_runtime NOLOGIN;
CREATE ROLE saas_app LOGIN NOBYPASSRLS PASSWORD 'saas_app' IN ROLE app_runtime;
