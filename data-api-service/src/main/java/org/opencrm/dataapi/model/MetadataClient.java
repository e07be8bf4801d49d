package org.opencrm.dataapi.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Asks metadata-service for a workspace's objects, on behalf of the caller whose token it forwards. */
class MetadataClient implements DataModelSource {

    private static final String OBJECTS_PATH = "/rest/metadata/objects";

    private final HttpClient http;
    private final JsonMapper json;
    private final DataModelProperties properties;

    MetadataClient(JsonMapper json, DataModelProperties properties) {
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
        this.json = json;
        this.properties = properties;
    }

    @Override
    public WorkspaceDataModel load(UUID workspaceId, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.metadataUrl() + OBJECTS_PATH))
                .timeout(properties.requestTimeout())
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new MetadataUnavailableException(
                        "metadata-service answered " + response.statusCode() + " for the workspace's objects", null);
            }
            return ObjectMetadataReader.read(workspaceId, json.readTree(response.body()));
        } catch (IOException | JacksonException e) {
            throw new MetadataUnavailableException("metadata-service could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataUnavailableException("interrupted while asking metadata-service", e);
        }
    }
}
