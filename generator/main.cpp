// @brief Entry point of the `migrations` host tool.
int main() { return 0; }
