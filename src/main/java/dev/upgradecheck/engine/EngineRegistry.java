package dev.upgradecheck.engine;

import dev.upgradecheck.value.UserText;
import dev.upgradecheck.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** The engines on the class path, found through {@link ServiceLoader}. */
public final class EngineRegistry {

    private final List<SourceInspector> inspectors;

    public EngineRegistry(List<SourceInspector> inspectors) {
        this.inspectors = List.copyOf(inspectors);
    }

    public static EngineRegistry load() {
        return new EngineRegistry(ServiceLoader.load(SourceInspector.class).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /** The inspector for a name or alias, or a usage error listing the known names. */
    public SourceInspector find(String name) {
        if (name == null || name.isBlank()) {
            throw new BadInputException("no engine given: use --engine " + String.join("|", names()));
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return inspectors.stream()
                .filter(i -> i.engine().equals(wanted) || i.aliases().contains(wanted))
                .findFirst()
                .orElseThrow(() -> new BadInputException("unknown engine '" + UserText.shown(name, 40)
                        + "': use one of " + String.join(", ", names())));
    }

    /**
     * The engine named, or when none is named the one whose URL rules accept this URL (a {@code jdbc:postgresql:}
     * URL says postgres), or the usage error of {@link #find}.
     */
    public SourceInspector forUrl(String name, String url) {
        if ((name == null || name.isBlank()) && url != null) {
            Optional<SourceInspector> accepting = accepting(url);
            if (accepting.isPresent()) {
                return accepting.get();
            }
        }
        return find(name);
    }

    /** The first engine whose URL rules accept this URL; a bare host:port/db names no engine. */
    public Optional<SourceInspector> accepting(String url) {
        if (!url.contains(":/")) {
            return Optional.empty();
        }
        return inspectors.stream().filter(i -> {
            try {
                i.validateUrl(i.canonicalUrl(url));
                return true;
            } catch (BadInputException e) {
                return false;
            }
        }).findFirst();
    }

    /** The SQL access of the engine whose driver takes this JDBC URL (e.g. a reconcile destination). */
    public Optional<dev.upgradecheck.engine.jdbc.SqlAccess> sqlAccessFor(String url) {
        return inspectors.stream().flatMap(i -> i.sqlAccess().stream()).filter(a -> a.handles(url)).findFirst();
    }

    /** The engine whose connectors have this class, if one of them declares it. */
    public Optional<SourceInspector> ownerOfConnector(String connectorClass) {
        return inspectors.stream().filter(i -> i.connectorClasses().contains(connectorClass)).findFirst();
    }

    /**
     * Every option a user can give a source: the shared ones, then each engine's own in the order the engines were
     * found. Two engines may declare the same option only alike (one flag, one meaning).
     */
    public List<TargetOption<?>> targetOptions() {
        Map<String, TargetOption<?>> byKey = new LinkedHashMap<>();
        TargetOptions.SHARED.forEach(o -> byKey.put(o.key(), o));
        for (SourceInspector inspector : inspectors) {
            for (TargetOption<?> option : inspector.options()) {
                TargetOption<?> earlier = byKey.putIfAbsent(option.key(), option);
                if (earlier != null && !earlier.equals(option)) {
                    throw new IllegalStateException("engine " + inspector.engine() + " declares " + option.flag()
                            + " unlike another engine or the shared options");
                }
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The keys of {@link #targetOptions()}, as inventory and config files write them. */
    public java.util.Set<String> targetOptionKeys() {
        return targetOptions().stream().map(TargetOption::key).collect(java.util.stream.Collectors.toSet());
    }

    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        inspectors.forEach(i -> {
            names.add(i.engine());
            names.addAll(i.aliases());
        });
        return List.copyOf(names);
    }
}
