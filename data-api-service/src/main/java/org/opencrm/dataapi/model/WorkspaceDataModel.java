package org.opencrm.dataapi.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The objects of one workspace whose tables exist, found by their plural (REST paths) or singular name. */
public final class WorkspaceDataModel {

    private final UUID workspaceId;
    private final List<ObjectModel> objects;
    private final Map<String, ObjectModel> byPlural;
    private final Map<String, ObjectModel> bySingular;

    public WorkspaceDataModel(UUID workspaceId, List<ObjectModel> objects) {
        this.workspaceId = workspaceId;
        this.objects = List.copyOf(objects);
        this.byPlural = index(this.objects, ObjectModel::namePlural);
        this.bySingular = index(this.objects, ObjectModel::nameSingular);
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public List<ObjectModel> objects() {
        return objects;
    }

    public Optional<ObjectModel> objectByPlural(String namePlural) {
        return Optional.ofNullable(byPlural.get(namePlural));
    }

    public Optional<ObjectModel> objectBySingular(String nameSingular) {
        return Optional.ofNullable(bySingular.get(nameSingular));
    }

    private static Map<String, ObjectModel> index(List<ObjectModel> objects, Function<ObjectModel, String> name) {
        return objects.stream().collect(Collectors.toUnmodifiableMap(name, Function.identity(), (a, b) -> a));
    }
}
