package org.opencrm.dataapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.InfrastructureProperties;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.embedded.auth.FakeAuthServer;
import org.opencrm.embedded.auth.TestTokens;
import org.opencrm.schema.WorkspaceSchemaName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The read path against real PostgreSQL: filters compared with the same condition written in SQL by hand, paging
 * through ties both ways, nested relations, group-by, search, and the answers to bad input.
 */
@SpringBootTest(classes = DataApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + DataApiApplication.CONFIG_NAME)
class RecordQueryIT {

    private static final String DATABASE = TestInfrastructure.newDatabase();
    private static final FakeAuthServer AUTH = FakeAuthServer.start();
    private static final TestTokens TOKENS = AUTH.tokens();
    private static final PlatformStub PLATFORM = PlatformStub.on(AUTH);
    private static final String GRPC_SERVER = "data-api-query-it-" + UUID.randomUUID();

    private static final UUID PETS_WORKSPACE = UUID.randomUUID();
    private static final UUID PAGING_WORKSPACE = UUID.randomUUID();
    private static final String[] NAMES = {"Rex", "rex", "Tom", "Médor", "Tim_1", "50%", "O'Brien", "", null};
    private static final String[] CITIES = {"Paris", "paris", "Lyon", null};
    private static boolean seeded;
    private static final List<String> OWNERS = new ArrayList<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        InfrastructureProperties.register(registry, DATABASE, AUTH);
        registry.add("crm.dataapi.routes.auth-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.metadata-url", AUTH::baseUrl);
        registry.add("crm.dataapi.routes.webhook-url", AUTH::baseUrl);
        registry.add("spring.grpc.server.inprocess.name", () -> GRPC_SERVER);
        registry.add("spring.grpc.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    String pets;
    String paging;

    @AfterAll
    static void stop() {
        AUTH.close();
    }

    @BeforeEach
    void seed() {
        http = new TestHttp(port);
        pets = TOKENS.workspaceToken(PETS_WORKSPACE);
        paging = TOKENS.workspaceToken(PAGING_WORKSPACE);
        if (seeded) {
            return;
        }
        WorkspaceSchemaFixture.create(jdbc, PETS_WORKSPACE);
        WorkspaceSchemaFixture.create(jdbc, PAGING_WORKSPACE);
        Random random = new Random(42);
        String schema = WorkspaceSchemaName.of(PETS_WORKSPACE);
        for (int i = 0; i < 3; i++) {
            OWNERS.add(jdbc.queryForObject("INSERT INTO \"" + schema + "\".\"person\" (\"nameFirstName\") VALUES (?)"
                    + " RETURNING CAST(id AS text)", String.class, "Owner" + i));
        }
        for (int i = 0; i < 150; i++) {
            jdbc.update("INSERT INTO \"" + schema + "\".\"_pet\" (\"name\", \"species\", \"traits\", \"tags\", "
                    + "\"weight\", \"price\", \"vaccinated\", \"birthday\", \"rating\", \"homeAddressCity\", "
                    + "\"ownerId\", \"position\", \"deletedAt\") VALUES (?, CAST(? AS \"" + schema
                    + "\".\"_pet_species_enum\"), CAST(? AS \"" + schema + "\".\"_pet_traits_enum\"[]), CAST(? AS text[]), ?, ?, ?, ?, CAST(? AS \""
                    + schema + "\".\"_pet_rating_enum\"), ?, CAST(? AS uuid), ?, ?)",
                    pick(random, NAMES),
                    pick(random, new String[] {"DOG", "CAT", null}),
                    pick(random, new String[] {"{CALM}", "{PLAYFUL,LOUD}", "{}", "{CALM,LOUD}", null}),
                    pick(random, new String[] {"{a}", "{b,\"c d\"}", "{}", null}),
                    random.nextInt(5) == 0 ? null : (double) random.nextInt(20) / 2,
                    random.nextInt(5) == 0 ? null : new java.math.BigDecimal(random.nextInt(10000)).movePointLeft(2),
                    pick(random, new Boolean[] {true, false, null}),
                    random.nextInt(5) == 0 ? null : java.sql.Date.valueOf(LocalDate.of(2018, 1, 1).plusDays(random.nextInt(1500))),
                    pick(random, new String[] {"RATING_1", "RATING_3", "RATING_5", null}),
                    pick(random, CITIES),
                    random.nextInt(4) == 0 ? null : OWNERS.get(random.nextInt(OWNERS.size())),
                    (double) random.nextInt(10),
                    random.nextInt(15) == 0 ? java.sql.Timestamp.valueOf("2024-01-01 00:00:00") : null);
        }
        String pagingSchema = WorkspaceSchemaName.of(PAGING_WORKSPACE);
        jdbc.update("INSERT INTO \"" + pagingSchema + "\".\"_pet\" (\"name\", \"weight\", \"homeAddressCity\", "
                + "\"position\") SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'n' || (i % 3) END, "
                + "CASE WHEN i % 5 = 0 THEN NULL ELSE i % 4 END, CASE WHEN i % 2 = 0 THEN 'Paris' END, 1 "
                + "FROM generate_series(1, 1000) AS i");
        seeded = true;
    }

    /** One condition in both languages. */
    private record Atom(String filter, String sql) {
    }

    @Test
    void filtersAsTheSameConditionWrittenInSqlByHand() {
        String schema = WorkspaceSchemaName.of(PETS_WORKSPACE);
        String owner = OWNERS.getFirst();
        List<Atom> atoms = List.of(
                new Atom("name[eq]:\"Rex\"", "\"name\" = 'Rex'"),
                new Atom("name[neq]:Rex", "\"name\" <> 'Rex'"),
                new Atom("name[eq]:\"O'Brien\"", "\"name\" = 'O''Brien'"),
                new Atom("name[eq]:'O\\'Brien'", "\"name\" = 'O''Brien'"),
                new Atom("name[startsWith]:re", "\"name\" ILIKE 're%'"),
                new Atom("name[startsWith]:\"50%\"", "\"name\" = '50%'"),
                new Atom("name[endsWith]:\"_1\"", "\"name\" LIKE '%\\_1'"),
                new Atom("name[like]:\"%e%\"", "\"name\" LIKE '%e%'"),
                new Atom("name[ilike]:\"%É%\"", "\"name\" ILIKE '%É%'"),
                new Atom("name[in]:[Rex,\"Tom\",'Médor']", "\"name\" IN ('Rex', 'Tom', 'Médor')"),
                new Atom("name[in]:[]", "FALSE"),
                new Atom("name[is]:NULL", "\"name\" IS NULL"),
                new Atom("name[eq]:\"\"", "\"name\" = ''"),
                new Atom("name[gt]:Rex", "\"name\" > 'Rex'"),
                new Atom("species[eq]:DOG", "\"species\" = 'DOG'"),
                new Atom("species[in]:[DOG,CAT]", "\"species\" IN ('DOG', 'CAT')"),
                new Atom("species[is]:NOT_NULL", "\"species\" IS NOT NULL"),
                new Atom("traits[containsAny]:[CALM,LOUD]", "CAST(\"traits\" AS text[]) && ARRAY['CALM', 'LOUD']"),
                new Atom("traits[is]:NULL", "\"traits\" IS NULL"),
                new Atom("tags[containsAny]:[\"c d\",a]", "\"tags\" && ARRAY['c d', 'a']"),
                new Atom("weight[gt]:4.5", "\"weight\" > 4.5"),
                new Atom("weight[lte]:3", "\"weight\" <= 3"),
                new Atom("weight[in]:[1,2.5,9]", "\"weight\" IN (1, 2.5, 9)"),
                new Atom("price[gte]:50", "\"price\" >= 50"),
                new Atom("price[lt]:\"12.34\"", "\"price\" < 12.34"),
                new Atom("vaccinated[eq]:true", "\"vaccinated\" = true"),
                new Atom("vaccinated[neq]:TRUE", "\"vaccinated\" <> true"),
                new Atom("vaccinated[is]:NULL", "\"vaccinated\" IS NULL"),
                new Atom("birthday[lt]:2020-06-01", "\"birthday\" < DATE '2020-06-01'"),
                new Atom("birthday[gte]:\"2019-02-28\"", "\"birthday\" >= DATE '2019-02-28'"),
                new Atom("rating[gte]:RATING_3", "\"rating\" >= 'RATING_3'"),
                new Atom("rating[neq]:RATING_5", "\"rating\" <> 'RATING_5'"),
                new Atom("home.addressCity[eq]:Paris", "\"homeAddressCity\" = 'Paris'"),
                new Atom("home.addressCity[ilike]:\"par%\"", "\"homeAddressCity\" ILIKE 'par%'"),
                new Atom("home.addressCity[is]:NULL", "\"homeAddressCity\" IS NULL"),
                new Atom("ownerId[eq]:" + owner, "\"ownerId\" = '" + owner + "'"),
                new Atom("ownerId[is]:NULL", "\"ownerId\" IS NULL"),
                new Atom("position[lt]:5", "\"position\" < 5"),
                new Atom("createdAt[lte]:2999-01-01T00:00:00Z", "\"createdAt\" <= TIMESTAMPTZ '2999-01-01T00:00:00Z'"));
        Random random = new Random(7);
        int nonEmpty = 0;
        for (int i = 0; i < 250; i++) {
            Atom expression = i < atoms.size() ? atoms.get(i) : expression(random, atoms, 3);
            String filter = i % 3 == 0 && i >= atoms.size() ? expression.filter() + "," + atoms.get(random.nextInt(atoms.size())).filter()
                    : expression.filter();
            String sql = i % 3 == 0 && i >= atoms.size() ? null : expression.sql();
            if (sql == null) {
                Atom second = atoms.stream().filter(atom -> filter.endsWith("," + atom.filter())).findFirst().orElseThrow();
                sql = "(" + expression.sql() + " AND " + second.sql() + ")";
            }
            Set<String> expected = new HashSet<>(jdbc.queryForList("SELECT CAST(id AS text) FROM \"" + schema
                    + "\".\"_pet\" WHERE \"deletedAt\" IS NULL AND " + sql, String.class));
            var response = http.get("/rest/pets?limit=200&filter=" + encode(filter), pets);
            assertThat(response.status()).as(filter + " → " + response.body()).isEqualTo(200);
            assertThat(ids(response.body().at("/data/pets"))).as(filter).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(response.body().path("totalCount").asLong()).as(filter).isEqualTo(expected.size());
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("cases that match something").isGreaterThan(150);
    }

    private static Atom expression(Random random, List<Atom> atoms, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(4);
        if (kind == 0) {
            return atoms.get(random.nextInt(atoms.size()));
        }
        if (kind == 3) {
            Atom inner = expression(random, atoms, depth - 1);
            return new Atom("not(" + inner.filter() + ")", "(NOT " + inner.sql() + ")");
        }
        int size = 1 + random.nextInt(3);
        List<String> filters = new ArrayList<>();
        List<String> sqls = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Atom part = expression(random, atoms, depth - 1);
            filters.add(part.filter());
            sqls.add(part.sql());
        }
        String conjunction = kind == 1 ? "and" : "or";
        return new Atom(conjunction + "(" + String.join(",", filters) + ")",
                "(" + String.join(kind == 1 ? " AND " : " OR ", sqls) + ")");
    }

    @Test
    void showsSoftDeletedRecordsToAFilterOnDeletedAtAsTwentyDoes() {
        String schema = WorkspaceSchemaName.of(PETS_WORKSPACE);
        Set<String> deleted = new HashSet<>(jdbc.queryForList("SELECT CAST(id AS text) FROM \"" + schema
                + "\".\"_pet\" WHERE \"deletedAt\" IS NOT NULL", String.class));
        assertThat(deleted).isNotEmpty();

        var response = http.get("/rest/pets?limit=200&filter=" + encode("deletedAt[is]:NOT_NULL"), pets);

        assertThat(ids(response.body().at("/data/pets"))).containsExactlyInAnyOrderElementsOf(deleted);
        var groups = http.get("/rest/pets/groupBy?group_by=" + encode("[]") + "&filter="
                + encode("deletedAt[gte]:2000-01-01"), pets);
        assertThat(groups.body().at("/data/petsGroupBy/0/totalCount").asLong()).isEqualTo(deleted.size());
    }

    @Test
    void pagesThroughAThousandRecordsWithTiesBothWaysSeeingEachOnce() {
        String schema = WorkspaceSchemaName.of(PAGING_WORKSPACE);
        for (String[] order : new String[][] {
                {"weight[DescNullsLast],name[AscNullsFirst]", "\"weight\" DESC NULLS LAST, \"name\" ASC NULLS FIRST, id"},
                {"home.addressCity[AscNullsLast],weight[DescNullsFirst]",
                        "\"homeAddressCity\" ASC NULLS LAST, \"weight\" DESC NULLS FIRST, id DESC"},
                {"createdAt", "\"createdAt\" ASC NULLS FIRST, id"},
                {"createdAt[DescNullsLast]", "\"createdAt\" DESC, id DESC"},
                {"", "\"position\", id"}}) {
            List<String> expected = jdbc.queryForList("SELECT CAST(id AS text) FROM \"" + schema + "\".\"_pet\" ORDER BY "
                    + order[1], String.class);
            String query = "/rest/pets?limit=37" + (order[0].isEmpty() ? "" : "&order_by=" + encode(order[0]));

            List<String> forward = new ArrayList<>();
            JsonNode page = http.get(query, paging).body();
            String lastStart = null;
            while (true) {
                assertThat(page.path("totalCount").asLong()).isEqualTo(1000);
                forward.addAll(ids(page.at("/data/pets")));
                lastStart = page.at("/pageInfo/startCursor").asString();
                if (!page.at("/pageInfo/hasNextPage").asBoolean()) {
                    break;
                }
                page = http.get(query + "&starting_after=" + page.at("/pageInfo/endCursor").asString(), paging).body();
            }
            assertThat(forward).as(order[0]).containsExactlyElementsOf(expected);

            List<String> backward = new ArrayList<>(ids(page.at("/data/pets")));
            String cursor = lastStart;
            while (true) {
                JsonNode previous = http.get(query + "&ending_before=" + cursor, paging).body();
                assertThat(previous.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
                List<String> ids = ids(previous.at("/data/pets"));
                backward.addAll(0, ids);
                cursor = previous.at("/pageInfo/startCursor").asString();
                if (!previous.at("/pageInfo/hasPreviousPage").asBoolean()) {
                    break;
                }
            }
            assertThat(backward).as(order[0] + " backwards").containsExactlyElementsOf(expected);
            assertThat(new LinkedHashSet<>(backward)).hasSize(1000);
        }
    }

    @Test
    void pagesAFilteredListAndRefusesCursorsOfAnotherList() {
        String filter = "&filter=" + encode("home.addressCity[eq]:Paris") + "&order_by=weight";
        JsonNode first = http.get("/rest/pets?limit=100" + filter, paging).body();
        assertThat(first.path("totalCount").asLong()).isEqualTo(500);
        String cursor = first.at("/pageInfo/endCursor").asString();
        JsonNode second = http.get("/rest/pets?limit=100" + filter + "&starting_after=" + cursor, paging).body();
        assertThat(second.at("/pageInfo/hasPreviousPage").asBoolean()).isTrue();
        assertThat(ids(second.at("/data/pets"))).doesNotContainAnyElementsOf(ids(first.at("/data/pets")));

        var otherOrder = http.get("/rest/pets?order_by=name&starting_after=" + cursor, paging);
        assertThat(otherOrder.status()).isEqualTo(400);
        assertThat(otherOrder.body().at("/errors/0/field").asString()).isEqualTo("starting_after");
        var otherObject = http.get("/rest/people?order_by=weight&ending_before=" + cursor, paging);
        assertThat(otherObject.status()).isEqualTo(400);
        String forged = cursor.substring(0, cursor.indexOf('.')) + "." + "AAAAAAAAAAAAAAAAAAAAAA";
        assertThat(http.get("/rest/pets?order_by=weight&starting_after=" + forged, paging).status()).isEqualTo(400);
        String tampered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"o\":\"x\",\"s\":\"y\",\"v\":[\"1' OR 1=1\"]}".getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        assertThat(http.get("/rest/pets?order_by=weight&starting_after=" + tampered, paging).status()).isEqualTo(400);
    }

    @Test
    void nestsRelationsBothWaysToDepthTwo() {
        UUID workspace = UUID.randomUUID();
        WorkspaceSchemaFixture.create(jdbc, workspace);
        String token = TOKENS.workspaceToken(workspace);
        String acme = http.post("/rest/companies", token, "{\"name\": \"Acme\"}").body().at("/data/createCompany/id").asString();
        String other = http.post("/rest/companies", token, "{\"name\": \"Other\"}").body().at("/data/createCompany/id").asString();
        List<String> people = new ArrayList<>();
        for (String name : List.of("Ada", "Bob", "Cy")) {
            people.add(http.post("/rest/people", token, "{\"name\": {\"firstName\": \"" + name + "\"}, \"companyId\": \""
                    + acme + "\"}").body().at("/data/createPerson/id").asString());
        }
        http.post("/rest/people", token, "{\"name\": {\"firstName\": \"Loner\"}}");

        JsonNode depth0 = http.get("/rest/people", token).body().at("/data/people/0");
        assertThat(depth0.has("company")).isFalse();

        var listed = http.get("/rest/people?depth=1&filter=" + encode("companyId[is]:NOT_NULL"), token);
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
        for (JsonNode person : listed.body().at("/data/people")) {
            assertThat(person.at("/company/id").asString()).isEqualTo(acme);
            assertThat(person.at("/company/name").asString()).isEqualTo("Acme");
            assertThat(person.at("/company").has("people")).isFalse();
        }
        JsonNode loner = http.get("/rest/people?depth=1&filter=" + encode("name.firstName[eq]:Loner"), token)
                .body().at("/data/people/0");
        assertThat(loner.path("company").isNull()).isTrue();
        assertThat(loner.path("pointOfContactForOpportunities").isArray()).isTrue();

        JsonNode company = http.get("/rest/companies/" + acme + "?depth=1", token).body().at("/data/company");
        assertThat(ids(company.path("people"))).containsExactlyInAnyOrderElementsOf(people);
        assertThat(company.at("/people/0").has("company")).isFalse();
        JsonNode empty = http.get("/rest/companies/" + other + "?depth=1", token).body().at("/data/company");
        assertThat(empty.path("people").isEmpty()).isTrue();

        JsonNode deep = http.get("/rest/people/" + people.getFirst() + "?depth=2", token).body().at("/data/person");
        assertThat(ids(deep.at("/company/people"))).containsExactlyInAnyOrderElementsOf(people);
        JsonNode deepCompanies = http.get("/rest/companies?depth=2&filter=" + encode("name[eq]:Acme"), token).body();
        assertThat(deepCompanies.at("/data/companies/0/people/0/company/id").asString()).isEqualTo(acme);

        var tooDeep = http.get("/rest/people?depth=3", token);
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.body().at("/errors/0/field").asString()).isEqualTo("depth");
    }

    @Test
    void groupsWithEveryAggregateAsSqlDoes() {
        String schema = WorkspaceSchemaName.of(PETS_WORKSPACE);
        String aggregates = "[\"totalCount\",\"countEmptyName\",\"countNotEmptyName\",\"sumWeight\",\"avgPrice\","
                + "\"minBirthday\",\"maxWeight\",\"countUniqueValuesHomeAddressCity\"]";
        var response = http.get("/rest/pets/groupBy?group_by=" + encode("[{\"species\": true}, {\"home\": {\"addressCity\": true}}]")
                + "&aggregate=" + encode(aggregates) + "&filter=" + encode("weight[gte]:1"), pets);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        JsonNode groups = response.body().at("/data/petsGroupBy");

        var expected = jdbc.queryForList("SELECT CAST(\"species\" AS text) AS kind, \"homeAddressCity\" AS city, "
                + "count(*) AS total, count(*) FILTER (WHERE \"name\" IS NULL OR \"name\" = '') AS empty, "
                + "count(*) FILTER (WHERE \"name\" <> '') AS filled, sum(\"weight\") AS weights, avg(\"price\") AS prices, "
                + "CAST(min(\"birthday\") AS text) AS born, max(\"weight\") AS heaviest, "
                + "count(DISTINCT \"homeAddressCity\") AS cities FROM \"" + schema + "\".\"_pet\" WHERE \"deletedAt\" IS NULL "
                + "AND \"weight\" >= 1 GROUP BY \"species\", \"homeAddressCity\" "
                + "ORDER BY \"species\" NULLS LAST, \"homeAddressCity\" NULLS LAST");
        assertThat(groups.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            var row = expected.get(i);
            JsonNode group = groups.get(i);
            assertThat(group.at("/groupByDimensionValues/0").isNull() ? null : group.at("/groupByDimensionValues/0").asString())
                    .isEqualTo(row.get("kind"));
            assertThat(group.at("/groupByDimensionValues/1").isNull() ? null : group.at("/groupByDimensionValues/1").asString())
                    .isEqualTo(row.get("city"));
            assertThat(group.path("totalCount").asLong()).isEqualTo(((Number) row.get("total")).longValue());
            assertThat(group.path("countEmptyName").asLong()).isEqualTo(((Number) row.get("empty")).longValue());
            assertThat(group.path("countNotEmptyName").asLong()).isEqualTo(((Number) row.get("filled")).longValue());
            assertThat(group.path("sumWeight").asDouble()).isEqualTo(((Number) row.get("weights")).doubleValue());
            if (row.get("prices") == null) {
                assertThat(group.path("avgPrice").isNull()).isTrue();
            } else {
                assertThat(group.path("avgPrice").asDouble()).isCloseTo(((Number) row.get("prices")).doubleValue(),
                        org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(group.path("minBirthday").isNull() ? null : group.path("minBirthday").asString())
                    .isEqualTo(row.get("born"));
            assertThat(group.path("maxWeight").asDouble()).isEqualTo(((Number) row.get("heaviest")).doubleValue());
            assertThat(group.path("countUniqueValuesHomeAddressCity").asLong())
                    .isEqualTo(((Number) row.get("cities")).longValue());
        }

        var byMonth = http.get("/rest/pets/groupBy?group_by=" + encode("[{\"birthday\": {\"granularity\": \"YEAR\"}}]"), pets);
        assertThat(byMonth.status()).isEqualTo(200);
        assertThat(byMonth.body().at("/data/petsGroupBy/0/groupByDimensionValues/0").asString()).isEqualTo("2018-01-01");

        assertThat(http.get("/rest/pets/groupBy?group_by=" + encode("[{\"unicorn\": true}]"), pets).status()).isEqualTo(400);
        assertThat(http.get("/rest/pets/groupBy?group_by=nope", pets).status()).isEqualTo(400);
        var badAggregate = http.get("/rest/pets/groupBy?group_by=" + encode("[]") + "&aggregate=" + encode("[\"sumName\"]"), pets);
        assertThat(badAggregate.status()).isEqualTo(400);
        assertThat(badAggregate.body().at("/errors/0/field").asString()).isEqualTo("aggregate");
    }

    @Test
    void searchesAcrossObjectsBestMatchFirst() {
        UUID workspace = UUID.randomUUID();
        WorkspaceSchemaFixture.create(jdbc, workspace);
        String token = TOKENS.workspaceToken(workspace);
        String ada = http.post("/rest/people", token, "{\"name\": {\"firstName\": \"Ada\", \"lastName\": \"Lovelace\"}}")
                .body().at("/data/createPerson/id").asString();
        http.post("/rest/people", token, "{\"name\": {\"firstName\": \"Adam\", \"lastName\": \"Smith\"}}");
        String lab = http.post("/rest/companies", token, "{\"name\": \"Lovelace Labs\"}").body().at("/data/createCompany/id").asString();

        var both = http.get("/rest/search?query=" + encode("Ada Lovelace"), token);
        assertThat(both.status()).as(both.body().toString()).isEqualTo(200);
        JsonNode hits = both.body().at("/data/search");
        assertThat(hits.size()).isEqualTo(1);
        assertThat(hits.at("/0/recordId").asString()).isEqualTo(ada);
        assertThat(hits.at("/0/objectNameSingular").asString()).isEqualTo("person");
        assertThat(hits.at("/0/label").asString()).isEqualTo("Ada Lovelace");

        JsonNode love = http.get("/rest/search?query=love", token).body().at("/data/search");
        assertThat(ids(love, "recordId")).containsExactlyInAnyOrder(ada, lab);

        String fan = http.post("/rest/people", token, "{\"name\": {\"firstName\": \"Lovelace\", \"lastName\": \"Lovelace\"},"
                + " \"jobTitle\": \"Lovelace scholar\"}").body().at("/data/createPerson/id").asString();
        JsonNode ranked = http.get("/rest/search?query=lovelace", token).body().at("/data/search");
        assertThat(ranked.size()).isEqualTo(3);
        assertThat(ranked.at("/0/recordId").asString()).isEqualTo(fan);
        assertThat(ranked.at("/0/tsRankCD").asDouble()).isGreaterThan(ranked.at("/2/tsRankCD").asDouble());
        assertThat(http.get("/rest/search?query=lovelace&limit=1", token).body().at("/data/search").size()).isEqualTo(1);
        JsonNode prefix = http.get("/rest/search?query=ada", token).body().at("/data/search");
        assertThat(prefix.size()).isEqualTo(2);
        JsonNode companies = http.get("/rest/search?query=love&objects=companies", token).body().at("/data/search");
        assertThat(ids(companies, "recordId")).containsExactly(lab);
        JsonNode symbols = http.get("/rest/search?query=" + encode("'):*&|!"), token).body().at("/data/search");
        assertThat(symbols.isEmpty()).isTrue();
        assertThat(http.get("/rest/search?query=ada&objects=unicorns", token).status()).isEqualTo(404);
        assertThat(http.get("/rest/search", token).status()).isEqualTo(400);
    }

    @Test
    void answersBadFiltersWith400SayingWhereAndWhyWithoutSql() {
        assertBad("and(name[eq]:Rex", "filter", "syntax", "at character 16");
        assertBad("name[eq]:Rex)", "filter", "syntax", "at character 12");
        assertBad("unicorn[eq]:1", "filter", "unknown-field", "pet has no field 'unicorn'");
        assertBad("name[equals]:Rex", "filter", "unknown-operator", "unknown operator 'equals'");
        assertBad("weight[gt]:heavy", "filter", "type", "'weight' takes a number");
        assertBad("birthday[gt]:yesterday", "filter", "type", "date");
        assertBad("ownerId[eq]:1 OR 1=1", "filter", "type", "UUID");
        assertBad("species[eq]:FISH", "filter", "option", "must be one of");
        assertBad("vaccinated[eq]:yes", "filter", "type", "true or false");
        assertBad("name[eq]:x') OR 1=1 --", "filter", "quoting", "inside quotes");
        assertBad("name[eq]:\"x\" OR \"1\"=\"1\"", "filter", "quoting", "after a quoted value");
        assertBad("traits[eq]:CALM", "filter", "operator", "containsAny");
        assertBad("extra[eq]:1", "filter", "operator", "[is]");
        assertBad("home[eq]:Paris", "filter", "unknown-field", "home.addressCity");
        assertBad("owner[eq]:x", "filter", "unknown-field", "ownerId");
        assertBad("name[is]:EMPTY", "filter", "type", "NULL or NOT_NULL");
        assertBad("name[like]:\"abc\\\\\"", "filter", "type", "lone backslash");
        assertBad("name[eq]:\"a\u0000b\"", "filter", "type", "NUL");

        var injected = http.get("/rest/pets?filter=" + encode("name[eq]:\"x' OR '1'='1\""), pets);
        assertThat(injected.status()).isEqualTo(200);
        assertThat(injected.body().path("totalCount").asLong()).isZero();

        var order = http.get("/rest/pets?order_by=" + encode("weight[Sideways]"), pets);
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.body().at("/errors/0/field").asString()).isEqualTo("order_by");
        assertThat(http.get("/rest/pets?order_by=tags", pets).status()).isEqualTo(400);
        assertThat(http.get("/rest/pets?order_by=unicorn", pets).status()).isEqualTo(400);
        assertThat(http.get("/rest/pets?limit=201", pets).status()).isEqualTo(400);
    }

    private void assertBad(String filter, String field, String rule, String message) {
        var response = http.get("/rest/pets?filter=" + encode(filter), pets);
        assertThat(response.status()).as(filter + " → " + response.body()).isEqualTo(400);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body().at("/errors/0/field").asString()).isEqualTo(field);
        assertThat(response.body().at("/errors/0/rule").asString()).as(filter).isEqualTo(rule);
        assertThat(response.body().at("/errors/0/message").asString()).as(filter).contains(message);
        assertThat(response.body().toString()).doesNotContain("SELECT").doesNotContain("ERROR:").doesNotContain("PSQL");
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode records) {
        return ids(records, "id");
    }

    private static List<String> ids(JsonNode records, String property) {
        List<String> ids = new ArrayList<>();
        records.forEach(record -> ids.add(record.path(property).asString()));
        return ids;
    }
}
