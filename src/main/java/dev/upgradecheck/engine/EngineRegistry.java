package dev.upgradecheck.engine;

import dev.upgradecheck.value.UserText;
import dev.upgradecheck.BadInputException;

import java.util.List;
import java.util.Locale;
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

    /** The engine whose connectors have this class, if one of them declares it. */
    public java.util.Optional<SourceInspector> ownerOfConnector(String connectorClass) {
        return inspectors.stream().filter(i -> i.connectorClasses().contains(connectorClass)).findFirst();
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
