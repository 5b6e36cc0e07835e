-- Roles and grants of Sieve's ClickHouse, generated from the policy by the sink's Grants (what
-- `sieve grants show --config deploy/config/sink.properties` prints). Do not edit: RolesSqlTest fails
-- when this file and the policy disagree, and writes the up-to-date file to deploy/target/roles.sql.
-- apply-access.sh runs it, then creates the users that hold these roles.

CREATE ROLE IF NOT EXISTS sieve_analyst;

CREATE ROLE IF NOT EXISTS sieve_security;

CREATE ROLE IF NOT EXISTS sieve_sink_writer;

CREATE ROLE IF NOT EXISTS sieve_sink_admin;

GRANT INSERT ON sieve.service_device TO sieve_sink_writer;

GRANT INSERT ON sieve.service_ip TO sieve_sink_writer;

GRANT INSERT ON sieve.service_service_log TO sieve_sink_writer;

GRANT INSERT ON sieve.service_communication_log TO sieve_sink_writer;

GRANT SELECT ON sieve.personalization_device TO sieve_analyst;

GRANT SELECT ON sieve.personalization_device TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.personalization_device TO sieve_sink_writer;

GRANT SELECT ON sieve.personalization_service_log TO sieve_analyst;

GRANT SELECT ON sieve.personalization_service_log TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.personalization_service_log TO sieve_sink_writer;

GRANT SELECT ON sieve.product_improvement_device TO sieve_analyst;

GRANT SELECT ON sieve.product_improvement_device TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.product_improvement_device TO sieve_sink_writer;

GRANT SELECT ON sieve.product_improvement_software TO sieve_analyst;

GRANT SELECT ON sieve.product_improvement_software TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.product_improvement_software TO sieve_sink_writer;

GRANT SELECT ON sieve.product_improvement_service_log TO sieve_analyst;

GRANT SELECT ON sieve.product_improvement_service_log TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.product_improvement_service_log TO sieve_sink_writer;

GRANT SELECT ON sieve.security_device TO sieve_security;

GRANT SELECT ON sieve.security_device TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.security_device TO sieve_sink_writer;

GRANT SELECT ON sieve.security_software TO sieve_security;

GRANT SELECT ON sieve.security_software TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.security_software TO sieve_sink_writer;

GRANT SELECT ON sieve.security_ip TO sieve_security;

GRANT SELECT ON sieve.security_ip TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.security_ip TO sieve_sink_writer;

GRANT SELECT ON sieve.security_communication_log TO sieve_security;

GRANT SELECT ON sieve.security_communication_log TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.security_communication_log TO sieve_sink_writer;

GRANT SELECT ON sieve.advertising_device TO sieve_analyst;

GRANT SELECT ON sieve.advertising_device TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.advertising_device TO sieve_sink_writer;

GRANT SELECT ON sieve.advertising_service_log TO sieve_analyst;

GRANT SELECT ON sieve.advertising_service_log TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.advertising_service_log TO sieve_sink_writer;

GRANT SELECT ON sieve.ad_measurement_device TO sieve_analyst;

GRANT SELECT ON sieve.ad_measurement_device TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.ad_measurement_device TO sieve_sink_writer;

GRANT SELECT ON sieve.ad_measurement_service_log TO sieve_analyst;

GRANT SELECT ON sieve.ad_measurement_service_log TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.ad_measurement_service_log TO sieve_sink_writer;

GRANT SELECT ON sieve.software_management_device TO sieve_analyst;

GRANT SELECT ON sieve.software_management_device TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.software_management_device TO sieve_sink_writer;

GRANT SELECT ON sieve.software_management_software TO sieve_analyst;

GRANT SELECT ON sieve.software_management_software TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.software_management_software TO sieve_sink_writer;

GRANT INSERT ON sieve.surveys_device TO sieve_sink_writer;

GRANT SELECT ON sieve.analytics_device TO sieve_analyst;

GRANT SELECT ON sieve.analytics_device TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.analytics_device TO sieve_sink_writer;

GRANT SELECT ON sieve.analytics_software TO sieve_analyst;

GRANT SELECT ON sieve.analytics_software TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.analytics_software TO sieve_sink_writer;

GRANT SELECT ON sieve.analytics_ip TO sieve_analyst;

GRANT SELECT ON sieve.analytics_ip TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.analytics_ip TO sieve_sink_writer;

GRANT SELECT ON sieve.analytics_service_log TO sieve_analyst;

GRANT SELECT ON sieve.analytics_service_log TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.analytics_service_log TO sieve_sink_writer;

GRANT SELECT ON sieve.analytics_communication_log TO sieve_analyst;

GRANT SELECT ON sieve.analytics_communication_log TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.analytics_communication_log TO sieve_sink_writer;

GRANT SELECT ON sieve.cross_service_service_log TO sieve_analyst;

GRANT SELECT ON sieve.cross_service_service_log TO sieve_sink_admin WITH GRANT OPTION;

GRANT INSERT ON sieve.cross_service_service_log TO sieve_sink_writer;

GRANT SELECT, INSERT, CREATE DATABASE, CREATE TABLE, ALTER ADD COLUMN, ALTER ADD CONSTRAINT, ALTER MODIFY TTL, ALTER MATERIALIZE TTL, ALTER DELETE, ALTER UPDATE ON sieve.* TO sieve_sink_admin;

GRANT SELECT ON system.tables TO sieve_sink_admin;

GRANT SELECT ON system.columns TO sieve_sink_admin;

