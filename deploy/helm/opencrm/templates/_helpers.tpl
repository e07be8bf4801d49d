{{/* The chart name, overridable with nameOverride. */}}
{{- define "opencrm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every resource name: fullnameOverride, else "<release>-<chart>" (just the
release name when it already contains the chart name). Truncated so that the longest
suffix ("-metadata-service") still fits the 63 characters of a DNS label.
*/}}
{{- define "opencrm.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 46 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 46 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 46 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "opencrm.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "opencrm.labels" -}}
helm.sh/chart: {{ include "opencrm.chart" . }}
app.kubernetes.io/name: {{ include "opencrm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: opencrm
{{- end }}

{{/* Selector labels of one service; call with (dict "root" $ "component" "auth-service"). */}}
{{- define "opencrm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "opencrm.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Name of one service's resources; call with (dict "root" $ "component" "auth-service"). */}}
{{- define "opencrm.componentName" -}}
{{- printf "%s-%s" (include "opencrm.fullname" .root) .component }}
{{- end }}

{{/* In-cluster base URL of one service; call with (dict "root" $ "component" "auth-service" "port" 8081). */}}
{{- define "opencrm.componentUrl" -}}
{{- printf "http://%s:%v" (include "opencrm.componentName" .) .port }}
{{- end }}

{{- define "opencrm.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "opencrm.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret with the PostgreSQL credentials: the existing one, else the one this chart creates. */}}
{{- define "opencrm.postgresqlSecretName" -}}
{{- if .Values.postgresql.existingSecret }}
{{- .Values.postgresql.existingSecret }}
{{- else }}
{{- printf "%s-postgresql" (include "opencrm.fullname" .) }}
{{- end }}
{{- end }}

{{/* Where every service fetches the JWT signing keys: the auth Service unless overridden. */}}
{{- define "opencrm.jwksUri" -}}
{{- if .Values.jwksUri }}
{{- .Values.jwksUri }}
{{- else }}
{{- printf "%s/auth/.well-known/jwks.json" (include "opencrm.componentUrl" (dict "root" . "component" "auth-service" "port" .Values.authService.port)) }}
{{- end }}
{{- end }}
