variable "zone_name" {
  type        = string
  description = "Existing public Route 53 hosted zone, e.g. knowledge-network.example.com."
}

variable "hostnames" {
  type        = list(string)
  description = "Host names of the Ingress (the API host first, then the admin host); the certificate covers all, each gets an alias to the ALB."

  validation {
    condition     = length(var.hostnames) > 0 && length(distinct(var.hostnames)) == length(var.hostnames)
    error_message = "hostnames must name at least one host, each once."
  }
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
