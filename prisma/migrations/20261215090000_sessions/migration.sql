-- A person's sign-in, held on the server: the cookie carries a random secret whose hash is the id, never the
-- API token itself. A session ends when it expires, when its person signs out, or when its token is revoked.
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "api_token_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "sessions_api_token_id_fkey" FOREIGN KEY ("api_token_id") REFERENCES "api_tokens"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "sessions_api_token_id_idx" ON "sessions"("api_token_id");
