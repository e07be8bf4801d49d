{{/*
The Deployment, Service and (above one replica) PodDisruptionBudget of one service.
Call with a dict:
  root       the top-level context ($)
  component  the service's name ("auth-service"), also its image repository's default
  values     the service's values (.Values.authService)
  env        extra environment variables of this service (list of {name, value})
  grpcPort   optional second port, named grpc
*/}}
{{- define "opencrm.workload" -}}
{{- $root := .root }}
{{- $values := .values }}
{{- $name := include "opencrm.componentName" . }}
{{- $image := printf "%s/%s:%s" $root.Values.image.registry $values.image.repository (coalesce $values.image.tag $root.Values.image.tag $root.Chart.AppVersion) }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "opencrm.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  replicas: {{ $values.replicas }}
  selector:
    matchLabels:
      {{- include "opencrm.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "opencrm.labels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .component }}
      annotations:
        {{- /* Rolls the pods when the generated credentials change. */}}
        {{- if not $root.Values.postgresql.existingSecret }}
        checksum/postgresql-secret: {{ include (print $root.Template.BasePath "/postgresql-secret.yaml") $root | sha256sum }}
        {{- end }}
        {{- if $root.Values.metrics.prometheusAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/path: /actuator/prometheus
        prometheus.io/port: {{ $values.port | quote }}
        {{- end }}
        {{- with $values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "opencrm.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ $image }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $values.port }}
              protocol: TCP
            {{- if .grpcPort }}
            - name: grpc
              containerPort: {{ .grpcPort }}
              protocol: TCP
            {{- end }}
          env:
            - name: SERVER_PORT
              value: {{ $values.port | quote }}
            - name: SPRING_DATASOURCE_URL
              value: {{ $root.Values.postgresql.url | quote }}
            - name: SPRING_DATASOURCE_USERNAME
              valueFrom:
                secretKeyRef:
                  name: {{ include "opencrm.postgresqlSecretName" $root }}
                  key: {{ $root.Values.postgresql.usernameKey }}
            - name: SPRING_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ include "opencrm.postgresqlSecretName" $root }}
                  key: {{ $root.Values.postgresql.passwordKey }}
            - name: SPRING_KAFKA_BOOTSTRAP_SERVERS
              value: {{ $root.Values.kafka.bootstrapServers | quote }}
            - name: CRM_SECURITY_JWKS_URI
              value: {{ include "opencrm.jwksUri" $root | quote }}
            {{- /* Spring Boot turns the probe groups on by itself only when it detects Kubernetes. */}}
            - name: MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED
              value: "true"
            {{- range .env }}
            - name: {{ .name }}
              value: {{ .value | quote }}
            {{- end }}
            {{- with $root.Values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- with $values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
            periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $root.Values.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
          {{- with $values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          {{- if $root.Values.tmpSizeLimit }}
          emptyDir:
            sizeLimit: {{ $root.Values.tmpSizeLimit }}
          {{- else }}
          emptyDir: {}
          {{- end }}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "opencrm.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
  {{- with dig "service" "annotations" (dict) $values }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ dig "service" "type" "ClusterIP" $values }}
  selector:
    {{- include "opencrm.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $values.port }}
      targetPort: http
      protocol: TCP
    {{- if .grpcPort }}
    - name: grpc
      port: {{ .grpcPort }}
      targetPort: grpc
      protocol: TCP
      appProtocol: grpc
    {{- end }}
{{- if gt (int $values.replicas) 1 }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "opencrm.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  maxUnavailable: {{ $root.Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "opencrm.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}
