-- Protocol state is looked up by grant, account, client, interaction uid or user code only with
-- `column = value`, and many rows have no value there (a client_credentials token has no grant,
-- account, uid or user code). Indexing only the rows that have one is what those lookups use, and
-- spares each token write up to four index insertions (issue 11).
DROP INDEX "oidc_payloads_grant_id_idx";
CREATE INDEX "oidc_payloads_grant_id_idx" ON "oidc_payloads"("grant_id") WHERE "grant_id" IS NOT NULL;

DROP INDEX "oidc_payloads_account_id_idx";
CREATE INDEX "oidc_payloads_account_id_idx" ON "oidc_payloads"("account_id") WHERE "account_id" IS NOT NULL;

DROP INDEX "oidc_payloads_client_id_idx";
CREATE INDEX "oidc_payloads_client_id_idx" ON "oidc_payloads"("client_id") WHERE "client_id" IS NOT NULL;

DROP INDEX "oidc_payloads_uid_idx";
CREATE INDEX "oidc_payloads_uid_idx" ON "oidc_payloads"("uid") WHERE "uid" IS NOT NULL;

DROP INDEX "oidc_payloads_user_code_idx";
CREATE INDEX "oidc_payloads_user_code_idx" ON "oidc_payloads"("user_code") WHERE "user_code" IS NOT NULL;
