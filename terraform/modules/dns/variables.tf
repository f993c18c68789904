variable "zone_name" {
  type        = string
  description = "Existing public Route 53 hosted zone, e.g. knowledge-network.example.com."
}

variable "hostname" {
  type        = string
  description = "Public host name of the environment (Ingress host, certificate subject)."
}

variable "alb_name" {
  type        = string
  description = "Name the Ingress gives its ALB (alb.ingress.kubernetes.io/load-balancer-name)."
}

variable "alb_exists" {
  type        = bool
  description = "Set to true after the first deploy created the ALB, to create the alias record."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
