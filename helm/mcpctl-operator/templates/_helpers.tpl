{{/*
Chart name, overridable with nameOverride. Kubernetes names are limited to 63 characters.
*/}}
{{- define "mcpctl-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of the release's objects: fullnameOverride, else the release name when it already
contains the chart name (helm install mcpctl-operator …), else "<release>-<chart>".
*/}}
{{- define "mcpctl-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
"helm.sh/chart" label value: label values may not contain "+".
*/}}
{{- define "mcpctl-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels that select the operator's pods. They are part of the Deployment's immutable
selector, so they never include the version.
*/}}
{{- define "mcpctl-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mcpctl-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{/*
The standard app.kubernetes.io labels on every object. Call with a dict holding the root
context and the component: (dict "context" . "component" "metrics").
*/}}
{{- define "mcpctl-operator.labels" -}}
{{- $ctx := .context -}}
helm.sh/chart: {{ include "mcpctl-operator.chart" $ctx }}
app.kubernetes.io/name: {{ include "mcpctl-operator.name" $ctx }}
app.kubernetes.io/instance: {{ $ctx.Release.Name }}
app.kubernetes.io/version: {{ $ctx.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: mcpctl
app.kubernetes.io/managed-by: {{ $ctx.Release.Service }}
{{- with $ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "mcpctl-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mcpctl-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false: name the existing ServiceAccount the operator should run as." .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The Lease the replicas compete for. The default matches the operator's own default
(mcpctl-operator-leader) for a release named mcpctl-operator, and two releases in one
namespace never share a lease.
*/}}
{{- define "mcpctl-operator.leaseName" -}}
{{- default (printf "%s-leader" (include "mcpctl-operator.fullname" .)) .Values.leaderElection.leaseName }}
{{- end }}

{{- define "mcpctl-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The metrics Service's name, "<fullname>-metrics": a Service's name is a DNS label of 63
characters at most, a fullname may have 63.
*/}}
{{- define "mcpctl-operator.metricsServiceName" -}}
{{- printf "%s-metrics" (include "mcpctl-operator.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{/*
Combinations the schema cannot express, refused with one sentence each.
*/}}
{{- define "mcpctl-operator.validateValues" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) }}
{{- fail "replicaCount above 1 needs leaderElection.enabled=true: without a Lease every replica would rotate the same tokens; set leaderElection.enabled=true or replicaCount=1." }}
{{- end }}
{{- /*
What the chart derives from a value, as a flag and as a variable: given again through extraArgs
or extraEnv it would win over the value and slip past the checks here (two replicas without
leader election, probes on a port nothing serves).
*/}}
{{- $derived := dict
  "watch-namespaces" "set watchNamespaces instead"
  "metrics-port" "set metrics.port instead"
  "leader-election" "set leaderElection.enabled instead"
  "leader-election-namespace" "remove it: the Lease lives in the release namespace, the only one the leader-election Role covers"
  "leader-election-lease-name" "set leaderElection.leaseName instead"
  "health-check-interval" "set healthCheckInterval instead"
  "max-concurrent-rotations" "set maxConcurrentRotations instead"
  "max-rotations-per-second" "set maxRotationsPerSecond instead"
  "log-format" "set logFormat instead"
  "openbao-mint-timeout" "set openBaoMintTimeout instead"
  "allowed-openbao-addresses" "set allowedOpenBaoAddresses instead" }}
{{- range $arg := .Values.extraArgs }}
{{- /* The name before any "=", however the value goes on (a block scalar ends in a newline). */}}
{{- $name := trim (first (splitList "=" (toString $arg))) }}
{{- $flag := trimPrefix "--" $name }}
{{- if and (hasPrefix "--" $name) (hasKey $derived $flag) }}
{{- fail (printf "extraArgs sets --%s, which the chart already sets; %s." $flag (get $derived $flag)) }}
{{- end }}
{{- end }}
{{- $derivedVariables := dict
  "POD_NAMESPACE" "remove it: it is the pod's namespace, where the operator keeps its Lease"
  "POD_NAME" "remove it: it is the pod's name, which the Lease's holder names"
  "JDK_JAVA_OPTIONS" "set jvmOptions instead" }}
{{- range $flag, $hint := $derived }}
{{- $_ := set $derivedVariables (printf "MCPCTL_%s" (upper (replace "-" "_" $flag))) $hint }}
{{- end }}
{{- range $variable := .Values.extraEnv }}
{{- if hasKey $derivedVariables (toString $variable.name) }}
{{- fail (printf "extraEnv sets %s, which the chart already sets; %s." $variable.name (get $derivedVariables $variable.name)) }}
{{- end }}
{{- end }}
{{- /* The operator refuses a shorter one at start, which would leave the pod in a crash loop. */}}
{{- range $key := list "healthCheckInterval" "openBaoMintTimeout" }}
{{- $value := toString (get $.Values $key) }}
{{- if not (get $.Values $key) }}
{{- fail (printf "%s is required: give a Go duration of 1s or more, such as 1h or 30m." $key) }}
{{- end }}
{{- $seconds := include "mcpctl-operator.durationSeconds" $value | float64 }}
{{- if lt $seconds 1.0 }}
{{- fail (printf "%s %q is shorter than 1s, the least the operator accepts; give a Go duration of 1s or more, such as 1h or 30m." $key $value) }}
{{- end }}
{{- /* Go's (and the operator's) longest duration, 2562047h. */}}
{{- if gt $seconds 9223369200.0 }}
{{- fail (printf "%s %q is longer than 2562047h, the longest Go duration; give a shorter one, such as 1h." $key $value) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Seconds in a Go duration that the schema's pattern admitted ("1h30m", "1.5s", "500ms").
*/}}
{{- define "mcpctl-operator.durationSeconds" -}}
{{- $unitSeconds := dict "ns" 0.000000001 "us" 0.000001 "µs" 0.000001 "ms" 0.001 "s" 1.0 "m" 60.0 "h" 3600.0 }}
{{- $seconds := 0.0 }}
{{- range $term := regexFindAll "[0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h)" . -1 }}
{{- $number := regexFind "^[0-9]+(\\.[0-9]+)?" $term }}
{{- $unit := trimPrefix $number $term }}
{{- $seconds = addf $seconds (mulf ($number | float64) (get $unitSeconds $unit)) }}
{{- end }}
{{- $seconds }}
{{- end }}

{{/*
The rules the operator needs on the namespaces it watches. Shared by the ClusterRole
(watchNamespaces empty) and the per-namespace Roles, so the two modes cannot drift apart.
Each verb is one the operator's code or JOSDK/fabric8 under it sends; nothing more.
*/}}
{{- define "mcpctl-operator.watchRules" -}}
# SecretBackends: JOSDK's informer lists and watches them and reads one back when a patch
# conflicts (get); the operator adds and removes its mcpctl.io/revoke-tokens finalizer with a
# JSON patch (patch). No create, update or delete: users own their resources.
- apiGroups: ["mcpctl.io"]
  resources: ["secretbackends"]
  verbs: ["get", "list", "watch", "patch"]
# status.tokenMeta and the conditions, replaced through the status subresource at the
# resourceVersion they were computed from (update, a PUT of the status alone).
- apiGroups: ["mcpctl.io"]
  resources: ["secretbackends/status"]
  verbs: ["update"]
# Token Secrets: read the current token and the CA bundle a backend references (get), write
# the staged and rotated tokens with optimistic concurrency (update, a PUT carrying the
# resourceVersion read), and remove the token Secret when its backend is deleted (delete).
# RBAC cannot narrow Secrets by label, so this reaches every Secret in the watched namespaces
# by name; without list or watch the operator cannot enumerate or cache them.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "update", "delete"]
# Rotated, RotationFailed, RevokeFailed, TokenExpiringSoon and InvalidSpec events on the
# SecretBackend (core/v1): created once, then a repeat of the same event raises its count with a
# merge patch, as client-go's event recorder does, so a rotation failing all night stays one row
# ("x40 over 10h") in kubectl describe instead of forty.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
# Pods that read a token Secret: one namespaced list at each switch and while a previous token
# is held for them (list only: no watch, no cluster-wide pod cache, no get of single pods).
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
# The namespace's ReplicaSets, listed once per look when a consumer pod has one, to find the
# Deployment that owns it (one list instead of a read per ReplicaSet).
- apiGroups: ["apps"]
  resources: ["replicasets"]
  verbs: ["list"]
{{- if .Values.rbac.rolloutRestart }}
# With consumers.restart: Rollout, the rolling restart kubectl rollout restart does: a merge
# patch of the pod template's kubectl.kubernetes.io/restartedAt annotation (patch), after reading
# the workload (get) to check that its own pod template reads the token: a pod may name any
# workload as its owner. Nothing else.
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets", "daemonsets"]
  verbs: ["get", "patch"]
{{- end }}
{{- end }}
