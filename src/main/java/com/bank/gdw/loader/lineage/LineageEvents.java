package com.bank.gdw.loader.lineage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;

import com.bank.gdw.loader.unit.UnitResult;
import com.bank.gdw.loader.dcf.RunStatus;
import com.bank.gdw.loader.dcf.UnitFigures;
import com.bank.gdw.loader.dcf.UnitStatus;
import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The OpenLineage run events of a stream run and of its units, built with the client's model classes. The stream run
 * is the job {@code <stream>}, a unit the job {@code <stream>.<unit>} whose parent facet names the stream run; run ids
 * are name-based UUIDs of the namespace and the DCF ids, so they are stable for a process instance.
 */
public final class LineageEvents {

    /** The figures of a unit the events carry besides the DCF outcome. */
    public record UnitLineage(StreamDefinition stream, UnitResult result, long streamRunId, Instant started, Instant ended,
                              DatasetNames file, Long fileSize, DatasetNames target) { }

    static final String INTEGRATION = "GDW_LOADER";

    private final OpenLineage ol;
    private final String namespace;

    public LineageEvents(URI producer, String namespace) {
        this.ol = new OpenLineage(producer);
        this.namespace = namespace;
    }

    public UUID streamRunId(String stream, long runId) {
        return UUID.nameUUIDFromBytes((namespace + "/" + stream + "/run/" + runId).getBytes(StandardCharsets.UTF_8));
    }

    public UUID unitRunId(String stream, long processId) {
        return UUID.nameUUIDFromBytes((namespace + "/" + stream + "/unit/" + processId).getBytes(StandardCharsets.UTF_8));
    }

    public static String unitJobName(StreamDefinition stream, String unit) {
        return stream.code() + "." + unit;
    }

    /** START and the terminal event of a unit; a SKIPPED_DUPLICATE is COMPLETE, ABANDONED is ABORT. */
    public List<OpenLineage.RunEvent> unit(UnitLineage u) {
        UnitStatus status = u.result().status();
        EventType end = status.isSuccess() ? EventType.COMPLETE : status == UnitStatus.ABANDONED ? EventType.ABORT : EventType.FAIL;
        return List.of(unitEvent(u, EventType.START, u.started()), unitEvent(u, end, u.ended()));
    }

    /** START and the terminal event of a stream run: COMPLETE for COMPLETED and NO_DATA_AVAILABLE, ABORT for ABANDONED. */
    public List<OpenLineage.RunEvent> streamRun(StreamDefinition stream, long runId, LocalDate businessDate, RunStatus status,
                                                String message, Instant started, Instant ended) {
        EventType end = switch (status) {
            case COMPLETED, NO_DATA_AVAILABLE -> EventType.COMPLETE;
            case ABANDONED -> EventType.ABORT;
            default -> EventType.FAIL;
        };
        OpenLineage.Job job = job(stream.code(), "JOB", stream.description());
        List<OpenLineage.RunEvent> events = new ArrayList<>();
        for (EventType type : List.of(EventType.START, end)) {
            OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder().nominalTime(nominal(businessDate));
            if (type == EventType.FAIL && message != null) {
                facets.errorMessage(ol.newErrorMessageRunFacetBuilder().message(message).programmingLanguage("JAVA").build());
            }
            events.add(ol.newRunEventBuilder().eventType(type).eventTime(at(type == EventType.START ? started : ended))
                    .run(ol.newRun(streamRunId(stream.code(), runId), facets.build())).job(job)
                    .inputs(List.of()).outputs(List.of()).build());
        }
        return events;
    }

    private OpenLineage.RunEvent unitEvent(UnitLineage u, EventType type, Instant time) {
        StreamDefinition s = u.stream();
        UnitResult r = u.result();
        OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder()
                .nominalTime(nominal(r.unit().businessDate()))
                .parent(ol.newParentRunFacetBuilder()
                        .run(ol.newParentRunFacetRunBuilder().runId(streamRunId(s.code(), u.streamRunId())).build())
                        .job(ol.newParentRunFacetJobBuilder().namespace(namespace).name(s.code()).build())
                        .build());
        if (type == EventType.FAIL && r.error() != null) {
            facets.errorMessage(ol.newErrorMessageRunFacetBuilder().message(r.error()).programmingLanguage("JAVA").build());
        }
        boolean terminal = type != EventType.START;
        return ol.newRunEventBuilder().eventType(type).eventTime(at(time))
                .run(ol.newRun(unitRunId(s.code(), r.processId()), facets.build()))
                .job(job(unitJobName(s, r.unit().unit()), "TASK", "load unit " + r.unit().unit() + " of " + s.name()))
                .inputs(r.unit().hasLoadFile() ? List.of(input(u, terminal)) : List.of())
                .outputs(List.of(output(u, terminal && r.status() == UnitStatus.COMPLETED)))
                .build();
    }

    private OpenLineage.Job job(String name, String jobType, String description) {
        OpenLineage.JobFacetsBuilder facets = ol.newJobFacetsBuilder()
                .jobType(ol.newJobTypeJobFacetBuilder().processingType("BATCH").integration(INTEGRATION).jobType(jobType).build());
        if (description != null && !description.isBlank()) {
            facets.documentation(ol.newDocumentationJobFacetBuilder().description(description).build());
        }
        return ol.newJobBuilder().namespace(namespace).name(name).facets(facets.build()).build();
    }

    private OpenLineage.InputDataset input(UnitLineage u, boolean withFigures) {
        UnitResult r = u.result();
        OpenLineage.DatasetFacetsBuilder facets = ol.newDatasetFacetsBuilder()
                .schema(schema(u.stream().layout().columns()))
                .datasetType(ol.newDatasetTypeDatasetFacetBuilder().datasetType("FILE").build());
        if (r.sha256() != null) {
            facets.version(ol.newDatasetVersionDatasetFacetBuilder().datasetVersion(r.sha256()).build());
        }
        OpenLineage.InputDatasetBuilder in = ol.newInputDatasetBuilder().namespace(u.file().namespace()).name(u.file().name())
                .facets(facets.build());
        if (withFigures) {
            UnitFigures f = r.figures() == null ? UnitFigures.NONE : r.figures();
            OpenLineage.InputDatasetFacet file = ol.newInputDatasetFacet();
            file.getAdditionalProperties().put("sha256", r.sha256());
            file.getAdditionalProperties().put("size", u.fileSize());
            file.getAdditionalProperties().put("rowsRead", f.inputRows());
            file.getAdditionalProperties().put("rowsRejected", f.rejectedRows());
            file.getAdditionalProperties().put("rowsDuplicate", f.duplicateRows());
            in.inputFacets(ol.newInputDatasetInputFacetsBuilder()
                    .inputStatistics(ol.newInputStatisticsInputDatasetFacetBuilder().rowCount(f.inputRows()).size(u.fileSize())
                            .fileCount(1L).build())
                    .put("gdwLoader_file", file)
                    .build());
        }
        return in.build();
    }

    private OpenLineage.OutputDataset output(UnitLineage u, boolean withFigures) {
        StreamDefinition s = u.stream();
        OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fields = ol.newColumnLineageDatasetFacetFieldsBuilder();
        for (Column c : s.layout().columns()) {
            List<OpenLineage.InputField> from = u.result().unit().hasLoadFile()
                    ? List.of(ol.newInputFieldBuilder().namespace(u.file().namespace()).name(u.file().name()).field(c.name())
                            .transformations(List.of(ol.newInputFieldTransformationsBuilder().type("DIRECT").subtype("IDENTITY")
                                    .description("parsed from the file as " + c.type().sql()).masking(false).build()))
                            .build())
                    : List.of();
            fields.put(c.name(), ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(from)
                    .transformationType("IDENTITY").transformationDescription("load-file field " + c.name()).build());
        }
        for (Column c : s.loaderColumnList()) {
            fields.put(c.name(), ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(List.of())
                    .transformationType("LOADER").transformationDescription("set by the loader: " + c.description()).build());
        }
        OpenLineage.OutputDatasetBuilder out = ol.newOutputDatasetBuilder().namespace(u.target().namespace()).name(u.target().name())
                .facets(ol.newDatasetFacetsBuilder()
                        .schema(schema(s.targetColumns()))
                        .datasetType(ol.newDatasetTypeDatasetFacetBuilder().datasetType("TABLE").build())
                        .columnLineage(ol.newColumnLineageDatasetFacetBuilder().fields(fields.build()).build())
                        .build());
        if (withFigures) {
            long written = u.result().figures() == null ? 0 : u.result().figures().rowsWritten();
            out.outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
                    .outputStatistics(ol.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(written).build())
                    .build());
        }
        return out.build();
    }

    private OpenLineage.SchemaDatasetFacet schema(List<Column> columns) {
        List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
        for (Column c : columns) {
            fields.add(ol.newSchemaDatasetFacetFieldsBuilder().name(c.name()).type(c.type().sql()).description(c.description()).build());
        }
        return ol.newSchemaDatasetFacetBuilder().fields(fields).build();
    }

    private OpenLineage.NominalTimeRunFacet nominal(LocalDate businessDate) {
        return ol.newNominalTimeRunFacetBuilder()
                .nominalStartTime(businessDate.atStartOfDay(ZoneOffset.UTC))
                .nominalEndTime(businessDate.plusDays(1).atStartOfDay(ZoneOffset.UTC))
                .build();
    }

    private static ZonedDateTime at(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }
}
