package com.bank.gdw.loader.lineage;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dataset names per the OpenLineage naming conventions, for the file and each database the target can be on. */
class DatasetNamesTest {

    @Test
    void a_load_file_is_namespace_file_and_its_absolute_path() {
        assertThat(DatasetNames.file(Path.of("/data/landing/../landing/A.txt")))
                .isEqualTo(new DatasetNames("file", "/data/landing/A.txt"));
    }

    @Test
    void a_postgresql_table_is_host_port_and_database_schema_table_in_lower_case() {
        assertThat(DatasetNames.table("jdbc:postgresql://db.bank:6432/gdw?currentSchema=load&ssl=true", "PLAN_BALN_SEGM_MSTR"))
                .isEqualTo(new DatasetNames("postgres://db.bank:6432", "gdw.load.plan_baln_segm_mstr"));
        assertThat(DatasetNames.table("jdbc:postgresql://127.0.0.1/gdw", "PLAN_BALN_SEGM_MSTR"))
                .isEqualTo(new DatasetNames("postgres://127.0.0.1:5432", "gdw.public.plan_baln_segm_mstr"));
    }

    @Test
    void a_snowflake_table_is_the_account_and_database_schema_table_in_upper_case() {
        assertThat(DatasetNames.table("jdbc:snowflake://xy12345.eu-west-1.snowflakecomputing.com/?db=gdw&schema=load&warehouse=WH",
                "PLAN_BALN_SEGM_MSTR"))
                .isEqualTo(new DatasetNames("snowflake://xy12345.eu-west-1", "GDW.LOAD.PLAN_BALN_SEGM_MSTR"));
    }

    @Test
    void a_duckdb_table_is_the_file_and_its_catalog_main_table() {
        assertThat(DatasetNames.table("jdbc:duckdb:/data/db/loader.duckdb", "PLAN_BALN_SEGM_MSTR"))
                .isEqualTo(new DatasetNames("duckdb:///data/db/loader.duckdb", "loader.main.PLAN_BALN_SEGM_MSTR"));
    }
}
