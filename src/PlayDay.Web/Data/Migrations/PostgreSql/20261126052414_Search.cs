using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlayDay.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Full-text search on PostgreSQL: a tsvector per share-back in "ShareBackSearch" (GIN index), kept
    /// by triggers in the transaction of every write, as the SQLite migrations keep FTS5's table.
    /// Weights: title A, tags B, team C, body D (ShareBackSearch ranks them as bm25's 10, 6, 3, 1).
    /// </summary>
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- English stems without a stop-word list: SQLite's porter tokenizer has none either, so "try it
                -- yourself" stays a three-word phrase and a search for "the" finds what it says.
                CREATE TEXT SEARCH DICTIONARY playday_english_stem (TEMPLATE = snowball, LANGUAGE = english);
                CREATE TEXT SEARCH CONFIGURATION playday_english (COPY = english);
                ALTER TEXT SEARCH CONFIGURATION playday_english
                    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH playday_english_stem;

                -- The body as searched and excerpted: without the share-back template's headings, guidance
                -- lines and table labels (templates/shareback.md as shipped, see the SQLite SearchPlainText
                -- migration), and with '<' as chr(3), so that the parser reads raw HTML as the words it shows
                -- (ts_headline would drop tags); ShareBackSearch turns chr(3) back into '<'.
                CREATE FUNCTION "ShareBackSearchBody"(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(body,
                        '## What we tried', ''), '## What worked', ''), '## What broke or almost worked', ''), '## Before → after', ''), '## Try it yourself', ''),
                        'Which task, which tool, and how we went about it.', ''),
                        'Failures are as useful as wins: what would someone trying this next quarter need to know?', ''),
                        '| | before | after |', ''), '| time it takes |', '|'), '| quality |', '|'),
                        '<', chr(3))
                $$;

                CREATE FUNCTION "ShareBackSearchDocument"(title text, tags text, team text, body text) RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
                    SELECT setweight(to_tsvector('playday_english', coalesce(title, '')), 'A')
                        || setweight(to_tsvector('playday_english', replace(coalesce(tags, ''), ',', ' ')), 'B')
                        || setweight(to_tsvector('playday_english', coalesce(team, '')), 'C')
                        || setweight(to_tsvector('playday_english', "ShareBackSearchBody"(coalesce(body, ''))), 'D')
                $$;

                -- One row per share-back that is not deleted.
                CREATE TABLE "ShareBackSearch" (
                    "Id" integer NOT NULL CONSTRAINT "PK_ShareBackSearch" PRIMARY KEY,
                    "Document" tsvector NOT NULL
                );
                CREATE INDEX "IX_ShareBackSearch_Document" ON "ShareBackSearch" USING GIN ("Document");

                CREATE FUNCTION "ShareBacks_search"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        DELETE FROM "ShareBackSearch" WHERE "Id" = OLD."Id";
                    ELSIF NEW."DeletedAtUtc" IS NOT NULL THEN
                        DELETE FROM "ShareBackSearch" WHERE "Id" = NEW."Id";
                    ELSE
                        INSERT INTO "ShareBackSearch" ("Id", "Document")
                        VALUES (NEW."Id", "ShareBackSearchDocument"(NEW."Title", NEW."Tags", (SELECT "Name" FROM "Teams" WHERE "Id" = NEW."TeamId"), NEW."Body"))
                        ON CONFLICT ("Id") DO UPDATE SET "Document" = EXCLUDED."Document";
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "ShareBacks_search_insert_delete" AFTER INSERT OR DELETE ON "ShareBacks"
                    FOR EACH ROW EXECUTE FUNCTION "ShareBacks_search"();
                CREATE TRIGGER "ShareBacks_search_update" AFTER UPDATE OF "Title", "Tags", "Body", "TeamId", "DeletedAtUtc" ON "ShareBacks"
                    FOR EACH ROW WHEN (OLD."Title" IS DISTINCT FROM NEW."Title" OR OLD."Tags" IS DISTINCT FROM NEW."Tags" OR OLD."Body" IS DISTINCT FROM NEW."Body"
                        OR OLD."TeamId" IS DISTINCT FROM NEW."TeamId" OR OLD."DeletedAtUtc" IS DISTINCT FROM NEW."DeletedAtUtc")
                    EXECUTE FUNCTION "ShareBacks_search"();

                CREATE FUNCTION "Teams_search_rename"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "ShareBackSearch" f SET "Document" = "ShareBackSearchDocument"(s."Title", s."Tags", NEW."Name", s."Body")
                    FROM "ShareBacks" s WHERE s."Id" = f."Id" AND s."TeamId" = NEW."Id";
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "Teams_search_rename" AFTER UPDATE OF "Name" ON "Teams"
                    FOR EACH ROW WHEN (OLD."Name" IS DISTINCT FROM NEW."Name") EXECUTE FUNCTION "Teams_search_rename"();

                INSERT INTO "ShareBackSearch" ("Id", "Document")
                SELECT s."Id", "ShareBackSearchDocument"(s."Title", s."Tags", t."Name", s."Body")
                FROM "ShareBacks" s LEFT JOIN "Teams" t ON t."Id" = s."TeamId"
                WHERE s."DeletedAtUtc" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Teams_search_rename" ON "Teams";
                DROP FUNCTION "Teams_search_rename"();
                DROP TRIGGER "ShareBacks_search_update" ON "ShareBacks";
                DROP TRIGGER "ShareBacks_search_insert_delete" ON "ShareBacks";
                DROP FUNCTION "ShareBacks_search"();
                DROP TABLE "ShareBackSearch";
                DROP FUNCTION "ShareBackSearchDocument"(text, text, text, text);
                DROP FUNCTION "ShareBackSearchBody"(text);
                DROP TEXT SEARCH CONFIGURATION playday_english;
                DROP TEXT SEARCH DICTIONARY playday_english_stem;
                """);
        }
    }
}
