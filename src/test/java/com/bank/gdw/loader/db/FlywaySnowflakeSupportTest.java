package com.bank.gdw.loader.db;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway's Snowflake plugin (12.4.0, its last release) works with the flyway-core 13 the loader uses, as far as can be
 * shown without a Snowflake account: every core member it links to exists, the core finds it for Snowflake URLs, and
 * its parser reads the DCF migration.
 */
class FlywaySnowflakeSupportTest {

    private static final String URL = "jdbc:snowflake://acme-gdw.snowflakecomputing.com/?db=GDW&schema=DCF&warehouse=LOAD_WH";

    @Test
    void flyway_core_13_finds_the_snowflake_plugin_for_a_snowflake_url() {
        // given
        Configuration config = Flyway.configure(getClass().getClassLoader());

        // when
        var types = DatabaseTypeRegister.getDatabaseTypesForUrl(URL, config);

        // then
        assertThat(types).extracting(t -> t.getName()).contains("Snowflake");
        assertThat(DatabaseKind.of(URL).migrationLocation()).isEqualTo("classpath:db/snowflake");
    }

    @Test
    void the_snowflake_parser_reads_the_dcf_migration_as_its_sixteen_statements() throws Exception {
        // given
        Configuration config = Flyway.configure(getClass().getClassLoader());
        DatabaseType snowflake = (DatabaseType) DatabaseTypeRegister.getDatabaseTypesForUrl(URL, config).stream()
                .filter(t -> t.getName().equals("Snowflake")).findFirst().orElseThrow();
        String script;
        try (var in = getClass().getClassLoader().getResourceAsStream("db/snowflake/V1__dcf_control_tables.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // when
        Parser parser = snowflake.createParser(config, null, new ParsingContext());
        List<String> statements = new ArrayList<>();
        try (SqlStatementIterator it = parser.parse(new StringResource(script))) {
            while (it.hasNext()) {
                SqlStatement s = it.next();
                // Flyway keeps the comments before and inside a statement: compare the SQL alone
                statements.add(s.getSql().replaceAll("(?m)\\s*--.*$", "").strip());
            }
        }

        // then: seven sequences, then the nine tables of the PostgreSQL migration, without its indexes
        assertThat(statements).hasSize(16);
        assertThat(statements.subList(0, 7)).allMatch(s -> s.startsWith("CREATE SEQUENCE DCF_S_") && s.endsWith("ORDER"));
        assertThat(statements.subList(7, 16)).extracting(s -> s.substring(0, s.indexOf('(')).strip())
                .containsExactly("CREATE TABLE DCF_T_STRM", "CREATE TABLE DCF_T_STRM_LOCK", "CREATE TABLE DCF_T_STRM_INST",
                        "CREATE TABLE DCF_T_PRCS_INST", "CREATE TABLE DCF_T_PRCS_EXEC_LOG", "CREATE TABLE DCF_T_DATA_LINEAGE",
                        "CREATE TABLE DCF_T_FILE_MOVE", "CREATE TABLE DCF_T_NOTIFICATIONS", "CREATE TABLE UTIL_TRSF_EROR_RQM3");
        assertThat(String.join("\n", statements)).doesNotContain(" TIMESTAMP ", " TIMESTAMP,", "BIGINT", " TEXT");
    }

    @Test
    void the_snowflake_parser_reads_the_late_feed_migration_as_one_table_in_snowflake_types() throws Exception {
        // given
        Configuration config = Flyway.configure(getClass().getClassLoader());
        DatabaseType snowflake = (DatabaseType) DatabaseTypeRegister.getDatabaseTypesForUrl(URL, config).stream()
                .filter(t -> t.getName().equals("Snowflake")).findFirst().orElseThrow();
        String script;
        try (var in = getClass().getClassLoader().getResourceAsStream("db/snowflake/V3__late_feeds.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // when
        List<String> statements = new ArrayList<>();
        try (SqlStatementIterator it = snowflake.createParser(config, null, new ParsingContext()).parse(new StringResource(script))) {
            while (it.hasNext()) {
                statements.add(it.next().getSql().replaceAll("(?m)\\s*--.*$", "").strip());
            }
        }

        // then
        assertThat(statements).singleElement().asString().startsWith("CREATE TABLE DCF_T_FEED_LATE (")
                .doesNotContain(" TIMESTAMP ", " TIMESTAMP,", "BIGINT", " INTEGER ");
    }

    @Test
    void every_method_and_field_the_plugin_links_to_exists_on_the_classpath() throws Exception {
        // given: the plugin's jar, found through its service entry
        var location = Class.forName("org.flywaydb.database.snowflake.SnowflakeDatabaseType").getProtectionDomain().getCodeSource().getLocation();
        List<String> missing = new ArrayList<>();
        int checked = 0;

        // when: each member reference in each class is resolved as the JVM's linker would, and each concrete class
        // is checked for abstract methods of its (flyway-core 13) supertypes that it leaves without a body
        try (JarFile jar = new JarFile(new File(location.toURI()))) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (!e.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(e)) {
                    for (String[] ref : memberReferences(in)) {
                        checked++;
                        if (!resolves(ref[0], ref[1], ref[2])) {
                            missing.add(String.join(" ", ref));
                        }
                    }
                }
                Class<?> c = Class.forName(e.getName().replace('/', '.').replaceAll("\\.class$", ""));
                if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    for (Method m : c.getMethods()) {
                        if (Modifier.isAbstract(m.getModifiers())) {
                            missing.add(c.getName() + " leaves abstract " + m);
                        }
                    }
                }
            }
        }

        // then
        assertThat(checked).as("references checked").isGreaterThan(50);
        assertThat(missing).isEmpty();
    }

    /** Owner, name and descriptor of every Fieldref, Methodref and InterfaceMethodref in a class file's constant pool. */
    private static List<String[]> memberReferences(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        in.readInt();
        in.readInt();
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> pool[i] = new int[] {in.readUnsignedShort()};
                case 9, 10, 11 -> pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort(), tag};
                case 12, 17, 18 -> pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String[]> refs = new ArrayList<>();
        for (Object entry : pool) {
            if (entry instanceof int[] r && r.length == 3) {
                String owner = (String) pool[((int[]) pool[r[0]])[0]];
                int[] nameAndType = (int[]) pool[r[1]];
                if (!owner.startsWith("java/") && !owner.startsWith("[")) {
                    refs.add(new String[] {owner.replace('/', '.'), (String) pool[nameAndType[0]], (String) pool[nameAndType[1]]});
                }
            }
        }
        return refs;
    }

    /** True when the class or one of its supertypes declares a member of that name and descriptor. */
    private static boolean resolves(String owner, String name, String descriptor) throws ClassNotFoundException {
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Class.forName(owner, false, FlywaySnowflakeSupportTest.class.getClassLoader())));
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            if (!descriptor.startsWith("(")) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(name) && descriptor(f.getType()).equals(descriptor)) {
                        return true;
                    }
                }
            } else {
                List<Executable> members = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
                members.addAll(Arrays.asList(c.getDeclaredConstructors()));
                for (Executable m : members) {
                    String n = m instanceof Method ? m.getName() : "<init>";
                    String returns = m instanceof Method method ? descriptor(method.getReturnType()) : "V";
                    StringBuilder d = new StringBuilder("(");
                    for (Class<?> p : m.getParameterTypes()) {
                        d.append(descriptor(p));
                    }
                    if (n.equals(name) && d.append(')').append(returns).toString().equals(descriptor)) {
                        return true;
                    }
                }
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    private static String descriptor(Class<?> t) {
        if (t.isArray()) {
            return t.getName().replace('.', '/');
        }
        if (!t.isPrimitive()) {
            return "L" + t.getName().replace('.', '/') + ";";
        }
        return switch (t.getName()) {
            case "void" -> "V";
            case "boolean" -> "Z";
            case "long" -> "J";
            default -> String.valueOf(Character.toUpperCase(t.getName().charAt(0)));
        };
    }
}
