package com.bank.gdw.loader.stream;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The naming rules of a stream's trigger and load files, built from the patterns in its definition. */
public final class FileNaming {

    public static final DateTimeFormatter BUSINESS_DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private final Pattern trigger;
    private final Pattern load;
    private final String familyPrefix;
    private final String triggerTemplate;
    private final String loadTemplate;
    private final String unit;
    private final List<String> sampleUnits;

    /**
     * @param unit            regular expression of a unit prefix
     * @param triggerTemplate trigger file name with {unit} and {date}, otherwise literal
     * @param loadTemplate    load file name with {unit} and {date}, otherwise literal; also accepted with .gz
     */
    public FileNaming(String unit, String triggerTemplate, String loadTemplate, String familyPrefix, List<String> sampleUnits) {
        this.unit = unit;
        this.triggerTemplate = triggerTemplate;
        this.loadTemplate = loadTemplate;
        this.trigger = compile(triggerTemplate, unit, "");
        this.load = compile(loadTemplate, unit, "(\\.gz)?");
        this.familyPrefix = familyPrefix;
        this.sampleUnits = sampleUnits == null ? List.of() : List.copyOf(sampleUnits);
        for (String u : this.sampleUnits) {
            if (!u.matches(unit)) {
                throw new IllegalArgumentException("sample unit " + u + " does not match the unit pattern " + unit);
            }
        }
    }

    private static Pattern compile(String template, String unit, String suffix) {
        if (!template.contains("{unit}") || !template.contains("{date}")) {
            throw new IllegalArgumentException("file name " + template + " must contain {unit} and {date}");
        }
        StringBuilder regex = new StringBuilder("^");
        for (String part : template.split("(?=\\{unit}|\\{date})|(?<=\\{unit}|\\{date})")) {
            switch (part) {
                case "{unit}" -> regex.append("(?<unit>").append(unit).append(')');
                case "{date}" -> regex.append("(?<date>\\d{8})");
                default -> regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.append(suffix).append('$').toString());
    }

    public String triggerName(String unit, LocalDate date) {
        return fill(triggerTemplate, unit, date);
    }

    public String loadName(String unit, LocalDate date, boolean gzip) {
        return fill(loadTemplate, unit, date) + (gzip ? ".gz" : "");
    }

    private static String fill(String template, String unit, LocalDate date) {
        return template.replace("{unit}", unit).replace("{date}", date.format(BUSINESS_DATE));
    }

    public List<String> sampleUnits() {
        return sampleUnits;
    }

    public FileName classify(String name) {
        Matcher m = trigger.matcher(name);
        boolean isTrigger = m.matches();
        if (!isTrigger) {
            m = load.matcher(name);
        }
        if (isTrigger || m.matches()) {
            LocalDate date = parseDate(m.group("date"));
            if (date == null) {
                return new FileName.Bad("impossible date " + m.group("date"));
            }
            return isTrigger ? new FileName.Trigger(m.group("unit"), date)
                    : new FileName.Load(m.group("unit"), date, name.endsWith(".gz"));
        }
        if (familyPrefix != null && !familyPrefix.isEmpty() && name.startsWith(familyPrefix)) {
            return new FileName.Bad("name matches neither the trigger pattern " + triggerTemplate + " nor the load pattern " + loadTemplate);
        }
        return new FileName.Foreign();
    }

    /**
     * The business date a YYYYMMDD string names, or null when it is not a calendar date of the years 0001 to 9999:
     * the year 0000 (1 BC) is none, and DuckDB would store it as 0001-01-01, another date's rows.
     */
    public static LocalDate parseDate(String yyyymmdd) {
        try {
            LocalDate date = LocalDate.parse(yyyymmdd, BUSINESS_DATE);
            return date.getYear() >= 1 ? date : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The whole-name patterns of the trigger and the load file, for telling whether two streams' names overlap. */
    List<Pattern> patterns() {
        return List.of(trigger, load);
    }

    public String unitPattern() {
        return unit;
    }
}
